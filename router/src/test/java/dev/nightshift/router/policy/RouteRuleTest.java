package dev.nightshift.router.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.nightshift.core.job.TaskType;
import dev.nightshift.core.provider.ModelRef;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RouteRuleTest {
    private static final List<ModelRef> CHAIN = List.of(ModelRef.parse("deepseek/deepseek-chat"));

    @Test
    void aRuleWithoutMatchersTakesEveryJobOfItsTask() {
        RouteRule rule = RouteRule.forTask("any-tests", TaskType.TESTS, CHAIN);

        assertThat(rule.matches(TaskType.TESTS, "python", 1, 0)).isTrue();
        assertThat(rule.matches(TaskType.TESTS, null, 900_000, 500)).isTrue();
        assertThat(rule.matches(TaskType.DOCS, "python", 1, 0)).isFalse();
    }

    @Test
    void matchesLanguagesIgnoringCase() {
        RouteRule rule = new RouteRule("jvm", TaskType.TESTS, Set.of("Java", "kotlin"), null, null, null, null, CHAIN);

        assertThat(rule.matches(TaskType.TESTS, "java", 10, 0)).isTrue();
        assertThat(rule.matches(TaskType.TESTS, "KOTLIN", 10, 0)).isTrue();
        assertThat(rule.matches(TaskType.TESTS, "python", 10, 0)).isFalse();
        assertThat(rule.matches(TaskType.TESTS, null, 10, 0)).isFalse();
    }

    @Test
    void matchesTokenBoundsInclusively() {
        RouteRule rule = new RouteRule("mid", TaskType.DOCS, null, 1_000L, 5_000L, null, null, CHAIN);

        assertThat(rule.matches(TaskType.DOCS, "java", 999, 0)).isFalse();
        assertThat(rule.matches(TaskType.DOCS, "java", 1_000, 0)).isTrue();
        assertThat(rule.matches(TaskType.DOCS, "java", 5_000, 0)).isTrue();
        assertThat(rule.matches(TaskType.DOCS, "java", 5_001, 0)).isFalse();
    }

    @Test
    void matchesComplexityBoundsInclusively() {
        RouteRule rule = new RouteRule("hard", TaskType.TESTS, null, null, null, 60, null, CHAIN);

        assertThat(rule.matches(TaskType.TESTS, "java", 10, 59)).isFalse();
        assertThat(rule.matches(TaskType.TESTS, "java", 10, 60)).isTrue();
    }

    @Test
    void refusesBoundsThatCannotMatchAnything() {
        assertThatThrownBy(() -> new RouteRule("bad", TaskType.TESTS, null, 10L, 5L, null, null, CHAIN))
                .hasMessageContaining("minTokens 10 exceeds maxTokens 5");
    }
}
