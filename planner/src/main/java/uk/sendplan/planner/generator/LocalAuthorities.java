package uk.sendplan.planner.generator;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * English local authorities with their ONS representative points (British National Grid) and
 * areas, read from the bundled {@code la_centroids.tsv}. Source: Office for National Statistics
 * licensed under the Open Government Licence v3.0.
 */
final class LocalAuthorities {

    /** One local authority: DfE code, name, region, representative point (metres) and area (km²). */
    record LocalAuthority(String code, String name, String region, double easting, double northing, double areaKm2) {

        double distanceTo(LocalAuthority other) {
            return Math.hypot(easting - other.easting, northing - other.northing);
        }
    }

    private LocalAuthorities() {
    }

    static List<LocalAuthority> load() {
        try (InputStream in = LocalAuthorities.class.getResourceAsStream("la_centroids.tsv")) {
            if (in == null) {
                throw new IllegalStateException("la_centroids.tsv is missing from the classpath");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<LocalAuthority> authorities = new ArrayList<>();
            boolean header = true;
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                if (header) {
                    header = false;
                    continue;
                }
                String[] f = line.split("\t");
                authorities.add(new LocalAuthority(f[0], f[1], f[2], Double.parseDouble(f[3]),
                        Double.parseDouble(f[4]), Double.parseDouble(f[5])));
            }
            return authorities;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
