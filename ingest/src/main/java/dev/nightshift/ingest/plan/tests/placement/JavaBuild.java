package dev.nightshift.ingest.plan.tests.placement;

import dev.nightshift.core.validation.TestFramework;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What one Maven or Gradle build file says about tests: the JUnit generation it declares (or none) and the
 * assertion and mocking libraries on its test classpath. Only dependencies count: a parent pom's
 * {@code <dependencyManagement>} pins versions without putting anything on a module's classpath, and
 * commented-out dependencies are not dependencies.
 *
 * @param junit     {@code JUNIT4}, {@code JUNIT5}, or {@code null} when the file does not say
 * @param libraries {@code assertj}, {@code hamcrest}, {@code mockito} as declared
 */
record JavaBuild(TestFramework junit, Set<String> libraries) {
    private static final Pattern XML_COMMENT = Pattern.compile("<!--.*?-->", Pattern.DOTALL);
    private static final Pattern MANAGEMENT =
            Pattern.compile("<dependencyManagement>.*?</dependencyManagement>", Pattern.DOTALL);
    private static final Pattern BLOCK_COMMENT = Pattern.compile("/\\*.*?\\*/", Pattern.DOTALL);
    /** A line comment: after a blank or at a line start, so {@code https://repo} stays. */
    private static final Pattern LINE_COMMENT = Pattern.compile("(?m)(^|\\s)//.*$");

    private static final Pattern JUPITER = Pattern.compile("junit[-.]jupiter|useJUnitPlatform");
    private static final Pattern JUNIT4 = Pattern.compile("<artifactId>\\s*junit\\s*</artifactId>|junit:junit");
    /** Spring Boot's test starter brings JUnit 5 (since Boot 2.2), AssertJ, Hamcrest and Mockito. */
    private static final String SPRING_BOOT_TEST = "spring-boot-starter-test";

    JavaBuild {
        libraries = Set.copyOf(libraries);
    }

    static JavaBuild read(String fileName, String text) {
        String deps = fileName.equals("pom.xml")
                ? MANAGEMENT.matcher(XML_COMMENT.matcher(text).replaceAll("")).replaceAll("")
                : LINE_COMMENT
                        .matcher(BLOCK_COMMENT.matcher(text).replaceAll(""))
                        .replaceAll("$1");
        boolean springBootTest = deps.contains(SPRING_BOOT_TEST);
        TestFramework junit = JUPITER.matcher(deps).find()
                ? TestFramework.JUNIT5
                : JUNIT4.matcher(deps).find() ? TestFramework.JUNIT4 : springBootTest ? TestFramework.JUNIT5 : null;
        Set<String> libraries = new TreeSet<>();
        if (deps.contains("assertj") || springBootTest) {
            libraries.add("assertj");
        }
        if (deps.contains("hamcrest") || springBootTest) {
            libraries.add("hamcrest");
        }
        if (deps.contains("mockito") || springBootTest) {
            libraries.add("mockito");
        }
        return new JavaBuild(junit, libraries);
    }
}
