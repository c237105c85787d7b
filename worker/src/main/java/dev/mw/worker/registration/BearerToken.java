package dev.mw.worker.registration;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Adds {@code Authorization: Bearer <mw.token>} to every call to a master. */
final class BearerToken implements ClientRequestFilter {

    private final String header;

    BearerToken(String token) {
        this.header = "Bearer " + token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, header);
    }
}
