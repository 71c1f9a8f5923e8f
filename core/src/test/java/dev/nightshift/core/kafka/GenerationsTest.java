package dev.nightshift.core.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

/** A job record's generation as a Kafka header: absent is generation 0. */
class GenerationsTest {

    @Test
    void noHeaderIsGenerationZero() {
        assertThat(Generations.of(new RecordHeaders())).isZero();
        assertThat(Generations.of(null)).isZero();
    }

    @Test
    void aGenerationPutIsTheGenerationRead() {
        RecordHeaders headers = new RecordHeaders();

        Generations.put(headers, 3);

        assertThat(headers.lastHeader(Generations.HEADER)).isNotNull();
        assertThat(Generations.of(headers)).isEqualTo(3);
    }

    @Test
    void generationZeroAddsNoHeaderSoRecordsLookAsTheyAlwaysDid() {
        RecordHeaders headers = new RecordHeaders();

        Generations.put(headers, 0);

        assertThat(headers.toArray()).isEmpty();
        assertThat(Generations.of(headers)).isZero();
    }

    @Test
    void putReplacesAnEarlierGenerationInsteadOfAddingASecond() {
        RecordHeaders headers = new RecordHeaders();
        Generations.put(headers, 1);

        Generations.put(headers, 2);

        assertThat(headers.headers(Generations.HEADER)).hasSize(1);
        assertThat(Generations.of(headers)).isEqualTo(2);
    }

    @Test
    void anUnreadableHeaderIsGenerationZero() {
        RecordHeaders headers = new RecordHeaders();
        headers.add(Generations.HEADER, "two".getBytes(StandardCharsets.UTF_8));

        assertThat(Generations.of(headers)).isZero();
    }
}
