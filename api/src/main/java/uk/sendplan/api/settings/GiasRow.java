package uk.sendplan.api.settings;

import uk.sendplan.api.system.ApiException;
import uk.sendplan.api.system.Csv;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One row of a GIAS all-establishment extract, its fields found by column name, and the columns the import reads. */
record GiasRow(Csv.Row row, Map<String, Integer> columns) {

    static final String URN = "URN";
    static final String LA_CODE = "LA (code)";
    static final String NAME = "EstablishmentName";
    static final String TYPE = "TypeOfEstablishment (name)";
    static final String STATUS = "EstablishmentStatus (name)";
    static final String LOW_AGE = "StatutoryLowAge";
    static final String HIGH_AGE = "StatutoryHighAge";
    static final String GENDER = "Gender (name)";
    static final String BOARDERS = "Boarders (name)";
    static final String SCHOOL_CAPACITY = "SchoolCapacity";
    static final String PUPILS = "NumberOfPupils";
    static final String RP_ON_ROLL = "ResourcedProvisionOnRoll";
    static final String RP_CAPACITY = "ResourcedProvisionCapacity";
    static final String UNIT_ON_ROLL = "SenUnitOnRoll";
    static final String UNIT_CAPACITY = "SenUnitCapacity";
    static final String EASTING = "Easting";
    static final String NORTHING = "Northing";
    static final String POSTCODE = "Postcode";
    static final String OFSTED = "OfstedRating (name)";
    static final String TRUST = "Trusts (name)";
    static final String PROPRIETOR = "PropsName";
    static final List<String> REQUIRED = List.of(URN, LA_CODE, NAME, TYPE, STATUS, LOW_AGE, HIGH_AGE);
    static final int SEN_COLUMNS = 13;

    /** The columns by name; a header without the required ones is not a GIAS extract, and the file is refused. */
    static Map<String, Integer> header(Csv.Row headerRow) {
        Map<String, Integer> columns = new LinkedHashMap<>();
        for (int i = 0; i < headerRow.fields().size(); i++) {
            columns.putIfAbsent(headerRow.fields().get(i).trim(), i);
        }
        List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            throw ApiException.badRequest("csv", "the header lacks required GIAS column(s) " + String.join(", ", missing.stream().map(m -> "\"" + m + "\"").toList())
                    + "; expected a GIAS all-establishment extract (edubasealldata.csv); nothing was imported");
        }
        return columns;
    }

    /** The field of the column, trimmed; blank when the row has no such column. */
    String text(String column) {
        Integer index = columns.get(column);
        return index == null || index >= row.fields().size() ? "" : row.fields().get(index).trim();
    }

    Integer integer(String column) {
        String value = text(column);
        if (value.isEmpty()) {
            return null;
        }
        try {
            return Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** A non-negative count, blank meaning none; anything else is a rejection. */
    Integer count(String column, List<GiasRowReader.ImportIssue> rejections, Integer urn) {
        String value = text(column);
        if (value.isEmpty()) {
            return null;
        }
        try {
            int count = Integer.parseInt(value);
            if (count >= 0 && count <= SettingRules.MAX_PLACES) {
                return count;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        rejections.add(new GiasRowReader.ImportIssue(row.line(), urn, column, "expected a whole number from 0 to " + SettingRules.MAX_PLACES
                + ", got \"" + value + "\""));
        return -1;
    }
}
