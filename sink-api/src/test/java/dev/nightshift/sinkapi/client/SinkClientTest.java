package dev.nightshift.sinkapi.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.sinkapi.client.SinkClient.SinkClientException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a socket that answers, drops or refuses exactly as each test scripts it. */
class SinkClientTest {
    private static final String TOKEN = "s3cret-token";
    /** The JDK's client sends a GET once more by itself when its connection drops; two drops are beyond that. */
    private static final int DROPPED = 2;

    private ServerSocket server;
    private String url;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        url = "http://127.0.0.1:" + server.getLocalPort();
    }

    @AfterEach
    void close() throws IOException {
        server.close();
    }

    @Test
    void connectionsDroppedBeforeTheAnswerAreAskedAgainWithTheToken() throws Exception {
        CompletableFuture<List<String>> requests = CompletableFuture.supplyAsync(() -> {
            for (int i = 0; i < DROPPED; i++) {
                try (Socket dropped = server.accept()) {
                    readRequest(dropped);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return serve(200, "text/html", "<!DOCTYPE html>\n<p>r-1</p>");
        });

        String page = new SinkClient(url, TOKEN).runReport("r-1");

        assertThat(page).isEqualTo("<!DOCTYPE html>\n<p>r-1</p>");
        assertThat(requests.get(10, TimeUnit.SECONDS))
                .contains("GET /report/runs/r-1 HTTP/1.1")
                .anySatisfy(h -> assertThat(h).isEqualToIgnoringCase("Authorization: Bearer " + TOKEN));
    }

    @Test
    void aRefusalCarriesTheSinksOwnReason() throws Exception {
        CompletableFuture<List<String>> request =
                CompletableFuture.supplyAsync(() -> serve(404, "application/json", "{\"error\":\"no run 'r-x'\"}"));

        assertThatThrownBy(() -> new SinkClient(url, TOKEN).status("r-x"))
                .isInstanceOf(SinkClientException.class)
                .hasMessage("no run 'r-x'");
        assertThat(request.get(10, TimeUnit.SECONDS)).contains("GET /runs/r-x HTTP/1.1");
    }

    @Test
    void aRunTheSinkHasNotHeardOfYetIsFoundEmptyAndAnyOtherRefusalKeepsItsStatus() throws Exception {
        CompletableFuture<List<String>> requests = CompletableFuture.supplyAsync(() -> List.of(
                serve(404, "application/json", "{\"error\":\"no run 'r-new'\"}").get(0),
                serve(403, "application/json", "{\"error\":\"not yours\"}").get(0)));
        SinkClient client = new SinkClient(url, TOKEN);

        assertThat(client.find("/runs/r-new")).isEmpty();
        assertThatThrownBy(() -> client.find("/runs/r-other"))
                .isInstanceOfSatisfying(
                        SinkClientException.class, e -> assertThat(e.status()).isEqualTo(403))
                .hasMessage("not yours");
        assertThat(requests.get(10, TimeUnit.SECONDS))
                .containsExactly("GET /runs/r-new HTTP/1.1", "GET /runs/r-other HTTP/1.1");
    }

    @Test
    void aSinkThatIsNotThereIsOneMessageNamingItsUrlAndNeverTheToken() throws IOException {
        server.close();

        assertThatThrownBy(() -> new SinkClient(url, TOKEN).status("r-1"))
                .isInstanceOf(SinkClientException.class)
                .hasMessageStartingWith("cannot reach the sink at " + url)
                .hasMessageNotContaining(TOKEN)
                .hasCauseInstanceOf(IOException.class);
    }

    /** Answers one request; returns its request line and headers. */
    private List<String> serve(int status, String contentType, String body) {
        try (Socket s = server.accept()) {
            List<String> request = readRequest(s);
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 " + status + " X\r\nContent-Type: " + contentType + "\r\nContent-Length: "
                            + bytes.length + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(bytes);
            out.flush();
            return request;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> readRequest(Socket s) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null && !line.isEmpty(); line = in.readLine()) {
            lines.add(line);
        }
        return lines;
    }
}
