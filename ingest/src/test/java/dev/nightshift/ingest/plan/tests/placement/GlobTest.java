package dev.nightshift.ingest.plan.tests.placement;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Runner globs as Jest, Vitest, Mocha and node --test write them. */
class GlobTest {

    @Test
    void jestsDefaultsWithExtendedGroups() {
        Glob named = Glob.of("**/?(*.)+(spec|test).[jt]s?(x)");
        assertThat(named.matches("src/cart.test.js")).isTrue();
        assertThat(named.matches("cart.spec.tsx")).isTrue();
        assertThat(named.matches("test.js")).isTrue();
        assertThat(named.matches("src/cart.js")).isFalse();
        assertThat(named.matches("src/cart.test.mjs")).isFalse();
        Glob folder = Glob.of("**/__tests__/**/*.[jt]s?(x)");
        assertThat(folder.matches("src/__tests__/cart.js")).isTrue();
        assertThat(folder.matches("__tests__/deep/cart.ts")).isTrue();
        assertThat(folder.matches("src/tests/cart.js")).isFalse();
    }

    @Test
    void bracesStarsAndTheStaticFolderBeforeTheFirstWildcard() {
        Glob mocha = Glob.of("./test/unit/**/*.{js,cjs,mjs}");
        assertThat(mocha.matches("test/unit/cart.js")).isTrue();
        assertThat(mocha.matches("test/unit/a/b/cart.mjs")).isTrue();
        assertThat(mocha.matches("test/cart.js")).isFalse();
        assertThat(mocha.matches("test/unit/cart.ts")).isFalse();
        assertThat(mocha.staticFolder()).isEqualTo("test/unit");
        assertThat(Glob.of("test/*.js").matches("test/a/b.js")).isFalse();
        assertThat(Glob.of("**/*.test.js").staticFolder()).isEmpty();
        assertThat(Glob.of("spec/cart.spec.js").staticFolder()).isEqualTo("spec");
    }

    @Test
    void negatedGroupsAndCharacterClasses() {
        assertThat(Glob.of("!(*.d).ts").matches("cart.ts")).isTrue();
        assertThat(Glob.of("test_[!x]*.py").matches("test_cart.py")).isTrue();
        assertThat(Glob.of("test_[!x]*.py").matches("test_xcart.py")).isFalse();
    }
}
