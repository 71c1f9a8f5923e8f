package dev.nightshift.worker.provider.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryHintsTest {
    private static final Instant NOW = Instant.parse("2015-10-21T07:27:00Z");

    @ParameterizedTest(name = "retry-after \"{0}\" means {1} ms")
    @CsvSource(
            delimiter = '|',
            value = {
                "46|46000",
                "1.5|1500",
                "0|0",
                "-3|0",
                "Wed, 21 Oct 2015 07:28:00 GMT|60000",
                "Wed, 21 Oct 2015 07:26:00 GMT|0"
            })
    void readsRetryAfterAsSecondsOrAnHttpDate(String value, long millis) {
        assertThat(RetryHints.retryAfter(value, NOW)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "retry-after \"{0}\" is not understood")
    @CsvSource({"soon", "12 parsecs", "''"})
    void ignoresRetryAfterItCannotRead(String value) {
        assertThat(RetryHints.retryAfter(value, NOW)).isEmpty();
    }

    @Test
    void prefersRetryAfterMsOverRetryAfterAsTheOfficialSdksDo() {
        Map<String, String> headers = Map.of("retry-after", "46", "retry-after-ms", "45175");
        assertThat(RetryHints.fromHeaders(headers::get, NOW)).contains(Duration.ofMillis(45175));
    }

    @Test
    void roundsFractionalMillisecondsUpSoThatWeNeverRetryEarly() {
        assertThat(RetryHints.millis("45175.2")).contains(Duration.ofMillis(45176));
    }

    @ParameterizedTest(name = "Go duration \"{0}\" is {1} ms")
    @CsvSource({
        "12ms,12",
        "2ms,2",
        "1s,1000",
        "6m0s,360000",
        "51.189s,51189",
        "54s,54000",
        "1h2m3s,3723000",
        "1m,60000",
        "0.5ms,1"
    })
    void readsOpenAiResetDurations(String value, long millis) {
        assertThat(RetryHints.goDuration(value)).contains(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "Go duration \"{0}\" is not understood")
    @CsvSource({"abc", "''", "5 minutes"})
    void ignoresDurationsItCannotRead(String value) {
        assertThat(RetryHints.goDuration(value)).isEmpty();
    }

    @ParameterizedTest(name = "protobuf duration \"{0}\" is {1} ms")
    @CsvSource({"58s,58000", "0.539477544s,540", "0s,0"})
    void readsGeminiRetryDelay(String value, long millis) {
        assertThat(RetryHints.protobufDuration(value)).contains(Duration.ofMillis(millis));
    }

    @Test
    void readsAnthropicResetTimestamps() {
        assertThat(RetryHints.rfc3339("2024-10-15T09:49:10Z")).contains(Instant.parse("2024-10-15T09:49:10Z"));
        assertThat(RetryHints.rfc3339("tomorrow")).isEmpty();
    }

    @ParameterizedTest(name = "\"{0}\" asks for {1} ms")
    @CsvSource(
            delimiter = '|',
            value = {
                "Rate limit reached for gpt-4o-mini on tokens per min (TPM): Limit 200000. Please try again in 45.175s. Visit …|45175",
                "Resource has been exhausted. Please retry in 58.217843437s.|58218",
                "Please try again in 20ms.|20",
                "Please try again in 2m.|120000"
            })
    void readsTheWaitFromAMessageAsALastResort(String message, long millis) {
        assertThat(RetryHints.fromMessage(message)).contains(Duration.ofMillis(millis));
    }

    @Test
    void findsNoWaitInAMessageWithoutOne() {
        assertThat(RetryHints.fromMessage("Rate limited")).isEqualTo(Optional.empty());
    }
}
