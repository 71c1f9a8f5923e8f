package dev.nightshift.core.job;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JobIdsTest {

    @Test
    void theSameWorkAlwaysGetsTheSameId() {
        String a = JobIds.jobId("/repo", "abc", TaskType.DOCS, "src/A.java", "h1", "1");
        String b = JobIds.jobId("/repo", "abc", TaskType.DOCS, "src/A.java", "h1", "1");

        assertThat(a).isEqualTo(b).startsWith("j-").hasSize(34);
    }

    @Test
    void anyDifferenceInTheInputsGivesADifferentId() {
        String base = JobIds.jobId("/repo", "abc", TaskType.DOCS, "src/A.java", "h1", "1");

        assertThat(JobIds.jobId("/repo", "abc", TaskType.TESTS, "src/A.java", "h1", "1"))
                .isNotEqualTo(base);
        assertThat(JobIds.jobId("/repo", "abc", TaskType.DOCS, "src/A.java", "h2", "1"))
                .isNotEqualTo(base);
        assertThat(JobIds.jobId("/repo", "abc", TaskType.DOCS, "src/A.java", "h1", "2"))
                .isNotEqualTo(base);
        // field boundaries matter: ("ab","c") and ("a","bc") must not collide
        assertThat(JobIds.jobId("/repo", "ab", TaskType.DOCS, "csrc/A.java", "h1", "1"))
                .isNotEqualTo(JobIds.jobId("/repo", "abc", TaskType.DOCS, "src/A.java", "h1", "1"));
    }
}
