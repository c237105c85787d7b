package dev.mw.worker.registration;

import java.net.URI;
import java.net.URISyntaxException;

import dev.mw.worker.StartupFailure;

/** Checks that a configured URL is an absolute http(s) URL with a host. */
final class HttpUrls {

    private HttpUrls() {
    }

    static void check(String key, String url) {
        try {
            URI uri = new URI(url);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (http && uri.getHost() != null) {
                return;
            }
        } catch (URISyntaxException e) {
            // reported below like any other bad URL
        }
        throw new StartupFailure(key + " must be an http(s) URL such as http://localhost:8080, was \"" + url + "\"");
    }
}
