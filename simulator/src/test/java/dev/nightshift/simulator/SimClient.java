package dev.nightshift.simulator;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A plain HTTP client for the contract tests: they see exactly the bytes a provider client would. */
final class SimClient {
    static final String KEY = "sk-test-NOT-A-REAL-KEY-7f3a";
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    private SimClient() {}

    record Reply(int status, java.net.http.HttpHeaders headers, String body) {
        JsonObject json() {
            return new JsonObject(body.strip());
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    static Reply post(String url, JsonObject body, String... headers) {
        return send(url, "POST", body.encode(), headers);
    }

    static Reply get(String url) {
        return send(url, "GET", null);
    }

    /** A multipart form upload, as the providers' SDKs send files: one text field and one file part. */
    static Reply upload(String url, String field, String value, String filename, String content, String... headers) {
        String boundary = "----nightshift-sim-" + Long.toHexString(System.nanoTime());
        String body = "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"" + field + "\"\r\n\r\n"
                + value + "\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"" + filename + "\"\r\n"
                + "Content-Type: application/jsonl\r\n\r\n"
                + content + "\r\n"
                + "--" + boundary + "--\r\n";
        List<String> all = new ArrayList<>(List.of("content-type", "multipart/form-data; boundary=" + boundary));
        all.addAll(List.of(headers));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .headers(all.toArray(String[]::new))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static Reply send(String url, String method, String body, String... headers) {
        List<String> all = new ArrayList<>(List.of("content-type", "application/json"));
        all.addAll(List.of(headers));
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .headers(all.toArray(String[]::new))
                .method(
                        method,
                        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
