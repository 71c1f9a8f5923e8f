package dev.nightshift.validator.runner.java;

import dev.nightshift.testkit.GitRepoBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Small real Maven projects, committed with JGit: a Calculator (with a divide that throws on zero) and a
 * StringUtils, one existing test that covers only {@code Calculator.add}. Every plugin and library version is
 * pinned to one this build already has in the local Maven repository (JUnit and AssertJ as this build uses them,
 * JUnit 4.13.2), so Maven never needs the network.
 */
final class MavenProjects {
    static final String JUNIT5 = org.junit.jupiter.api.Test.class.getPackage().getImplementationVersion();
    static final String ASSERTJ = version("org.assertj", "assertj-core");

    static final String CALCULATOR = """
            package demo;

            public class Calculator {
                public int add(int a, int b) {
                    return a + b;
                }

                public int subtract(int a, int b) {
                    return a - b;
                }

                public int divide(int a, int b) {
                    if (b == 0) {
                        throw new ArithmeticException("division by zero");
                    }
                    return a / b;
                }

                public int max(int a, int b) {
                    if (a >= b) {
                        return a;
                    }
                    return b;
                }
            }
            """;

    static final String STRING_UTILS = """
            package demo;

            public final class StringUtils {
                private StringUtils() {
                }

                public static String reverse(String s) {
                    return new StringBuilder(s).reverse().toString();
                }

                public static boolean isPalindrome(String s) {
                    String lower = s.toLowerCase();
                    return lower.equals(reverse(lower));
                }

                public static String capitalize(String s) {
                    if (s == null || s.isEmpty()) {
                        return s;
                    }
                    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
                }
            }
            """;

    private MavenProjects() {}

    /** The version of a library on this test's classpath (the one this build uses), from its Maven metadata. */
    static String version(String group, String artifact) {
        String resource = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = MavenProjects.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JUnit 5 (Jupiter) project with AssertJ; returns the commit. */
    static String junit5(Path dir) {
        String deps = dependency("org.junit.jupiter", "junit-jupiter", JUNIT5)
                + dependency("org.assertj", "assertj-core", ASSERTJ);
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            return repo.file("pom.xml", pom("calc-junit5", deps))
                    .file("src/main/java/demo/Calculator.java", CALCULATOR)
                    .file("src/main/java/demo/StringUtils.java", STRING_UTILS)
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
                    .commit("a calculator with one test");
        }
    }

    /** A JUnit 4 project; returns the commit. */
    static String junit4(Path dir) {
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            return repo.file("pom.xml", pom("calc-junit4", dependency("junit", "junit", "4.13.2")))
                    .file("src/main/java/demo/Calculator.java", CALCULATOR)
                    .file("src/main/java/demo/StringUtils.java", STRING_UTILS)
                    .file("src/test/java/demo/CalculatorTest.java", """
                            package demo;

                            import static org.junit.Assert.assertEquals;

                            import org.junit.Test;

                            public class CalculatorTest {
                                @Test
                                public void addsTwoNumbers() {
                                    assertEquals(5, new Calculator().add(2, 3));
                                }
                            }
                            """)
                    .commit("a calculator with one JUnit 4 test");
        }
    }

    private static String dependency(String group, String artifact, String version) {
        return "    <dependency><groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>"
                + version + "</version><scope>test</scope></dependency>\n";
    }

    static String pom(String artifact, String dependencies) {
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <project xmlns="http://maven.apache.org/POM/4.0.0">
                  <modelVersion>4.0.0</modelVersion>
                  <groupId>demo</groupId>
                  <artifactId>%s</artifactId>
                  <version>1.0</version>
                  <properties>
                    <maven.compiler.release>17</maven.compiler.release>
                    <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
                  </properties>
                  <dependencies>
                %s  </dependencies>
                  <build>
                    <plugins>
                      <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
                      <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version></plugin>
                      <plugin><artifactId>maven-surefire-plugin</artifactId><version>3.6.1</version></plugin>
                    </plugins>
                  </build>
                </project>
                """.formatted(artifact, dependencies);
    }
}
