package dev.mw.worker.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.mw.worker.StartupFailure;

class HttpUrlsTest {

    @ParameterizedTest
    @ValueSource(strings = { "http://localhost:8080", "https://master.example.com", "HTTP://10.1.2.3:8080/" })
    void acceptsHttpUrls(String url) {
        HttpUrls.check("mw.master-url", url);
    }

    @ParameterizedTest
    @ValueSource(strings = { "localhost:8080", "ftp://master", "http://", "http:// spaces", "master" })
    void refusesTheRest(String url) {
        StartupFailure failure = assertThrows(StartupFailure.class, () -> HttpUrls.check("mw.master-url", url));

        assertEquals("mw.master-url must be an http(s) URL such as http://localhost:8080, was \"" + url + "\"",
                failure.getMessage());
    }
}
