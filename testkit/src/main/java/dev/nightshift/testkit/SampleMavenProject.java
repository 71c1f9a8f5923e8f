package dev.nightshift.testkit;

import java.nio.file.Path;

/**
 * A small Maven library with JUnit 5, committed to a git repository: three classes of ordinary code (one with
 * an argument it rejects, one with state) and one existing test that covers part of one class, so generated
 * tests have both covered and uncovered lines to work on. It builds offline with the plugin and JUnit versions
 * this build already uses, so the validator's preparation and the repository's own {@code mvn test} need no
 * download after the first build.
 */
public final class SampleMavenProject {
    /** The JUnit version of the sample's pom: the one this build's own tests run on. */
    public static final String JUNIT_VERSION = "6.1.3";

    private SampleMavenProject() {}

    /** Writes and commits the project in {@code dir}; returns the commit id. */
    public static String create(Path dir) {
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            return repo.file("pom.xml", pom())
                    .file(".gitignore", "target/\n")
                    .file("src/main/java/demo/Calculator.java", """
                            package demo;

                            /** Integer arithmetic that refuses what it cannot do. */
                            public final class Calculator {
                                public int add(int a, int b) {
                                    return a + b;
                                }

                                /** @throws IllegalArgumentException when {@code b} is zero */
                                public int divide(int a, int b) {
                                    if (b == 0) {
                                        throw new IllegalArgumentException("cannot divide by zero");
                                    }
                                    return a / b;
                                }

                                public int max(int a, int b) {
                                    return a >= b ? a : b;
                                }
                            }
                            """)
                    .file("src/main/java/demo/Strings.java", """
                            package demo;

                            /** Small string helpers. */
                            public final class Strings {
                                private Strings() {
                                }

                                /** @throws IllegalArgumentException when {@code s} is null */
                                public static String reverse(String s) {
                                    if (s == null) {
                                        throw new IllegalArgumentException("s is null");
                                    }
                                    return new StringBuilder(s).reverse().toString();
                                }

                                public static boolean isBlank(String s) {
                                    return s == null || s.trim().isEmpty();
                                }

                                public static String repeat(String s, int times) {
                                    if (times < 0) {
                                        throw new IllegalArgumentException("times is negative");
                                    }
                                    return s.repeat(times);
                                }
                            }
                            """)
                    .file("src/main/java/demo/Counter.java", """
                            package demo;

                            /** Counts up from zero. */
                            public class Counter {
                                private int count;

                                public int increment() {
                                    return ++count;
                                }

                                public int get() {
                                    return count;
                                }

                                public void reset() {
                                    count = 0;
                                }
                            }
                            """)
                    .file("src/test/java/demo/CalculatorTest.java", """
                            package demo;

                            import static org.junit.jupiter.api.Assertions.assertEquals;

                            import org.junit.jupiter.api.Test;

                            class CalculatorTest {
                                @Test
                                void addsTwoNumbers() {
                                    assertEquals(5, new Calculator().add(2, 3));
                                }
                            }
                            """)
                    .commit("a small calculator library");
        }
    }

    private static String pom() {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>demo</groupId>
                  <artifactId>calc</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                    <dependency>
                      <groupId>org.junit.jupiter</groupId>
                      <artifactId>junit-jupiter</artifactId>
                      <version>%s</version>
                      <scope>test</scope>
                    </dependency>
                  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.6.1</version></plugin>
                      <plugin><artifactId>maven-dependency-plugin</artifactId><version>3.8.1</version></plugin>
                      <plugin><artifactId>maven-jar-plugin</artifactId><version>3.4.2</version></plugin>
                      <plugin><artifactId>maven-clean-plugin</artifactId><version>3.4.0</version></plugin>
                      <plugin><artifactId>maven-install-plugin</artifactId><version>3.1.3</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(JUNIT_VERSION);
    }
}
