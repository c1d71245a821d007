package uk.sendplan.db.types;

/** Where a setting's record came from: registered by hand, imported from GIAS, or made up for the demo (column setting.source). */
public enum RecordSource {
    MANUAL, GIAS, DEMO
}
