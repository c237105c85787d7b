package dev.mw.deploy;

import java.io.IOException;
import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * What a data file lets a test expect: its sha256 (the download's check), the first record's
 * name and location, and how many records answer to each (names and locations match
 * case-insensitively, as the contract says), the location counted over every group's file.
 */
record SeedFacts(String sha256, String name, int nameRecords, String location, int locationRecords) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static SeedFacts of(Path groupFile, Path... otherGroups) throws IOException {
        JsonNode first;
        try (JsonParser p = JSON.createParser(groupFile.toFile())) {
            p.nextToken();
            p.nextToken();
            first = JSON.readTree(p);
        }
        String name = first.get("name").asText();
        String location = first.get("location").asText();
        int locations = count(groupFile, "location", location);
        for (Path other : otherGroups) {
            locations += count(other, "location", location);
        }
        return new SeedFacts(sha256(groupFile), name, count(groupFile, "name", name), location, locations);
    }

    String nameQuery() {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    String locationQuery() {
        return URLEncoder.encode(location, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static int count(Path file, String field, String value) throws IOException {
        String wanted = value.strip().toLowerCase(Locale.ROOT);
        int n = 0;
        try (JsonParser p = JSON.createParser(file.toFile())) {
            for (JsonToken t = p.nextToken(); t != null; t = p.nextToken()) {
                if (t == JsonToken.FIELD_NAME && p.currentName().equals(field)) {
                    p.nextToken();
                    if (p.getText().strip().toLowerCase(Locale.ROOT).equals(wanted)) {
                        n++;
                    }
                }
            }
        }
        return n;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                digest.update(buffer, 0, read);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
