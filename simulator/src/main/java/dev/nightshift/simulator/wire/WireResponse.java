package dev.nightshift.simulator.wire;

import java.util.Map;

/** A complete HTTP answer: status, headers and a JSON body. */
public record WireResponse(int status, Map<String, String> headers, String body) {
    public WireResponse {
        headers = Map.copyOf(headers);
    }
}
