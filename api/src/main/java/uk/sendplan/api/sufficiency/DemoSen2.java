package uk.sendplan.api.sufficiency;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.zip.GZIPInputStream;

/**
 * The demo's SEN2 statistics: DfE's 2025 release files, cut to the rows and columns the forecast reads
 * (demo/sen2/PROVENANCE.md), imported through the same path as an admin's upload.
 */
@Component
public class DemoSen2 {

    private final Sen2Import imports;

    DemoSen2(Sen2Import imports) {
        this.imports = imports;
    }

    /** Imports the four files; returns the rows stored. Runs as a system admin (the demo data's own actor). */
    public int load() {
        int rows = 0;
        for (Sen2File file : Sen2File.values()) {
            rows += imports.importFile(file, text(file), null, false).imported();
        }
        return rows;
    }

    /** The demo copy of the file, as text. */
    static String text(Sen2File file) {
        String path = "demo/sen2/" + file.fileName + ".gz";
        try (InputStream in = new GZIPInputStream(new ClassPathResource(path).getInputStream())) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("the demo SEN2 copy " + path + " is missing from the classpath", e);
        }
    }
}
