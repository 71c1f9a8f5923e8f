package dev.nightshift.ingest.plan.tests.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import org.junit.jupiter.api.Test;

/** Java placement from Maven and Gradle builds: the nearest module's JUnit, its and its parents' libraries. */
class JavaPlacementTest {
    static final String PARENT_POM = """
            <?xml version="1.0" encoding="UTF-8"?>
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <groupId>com.acme</groupId>
              <artifactId>acme-parent</artifactId>
              <version>1.0.0</version>
              <packaging>pom</packaging>
              <modules>
                <module>legacy</module>
                <module>service</module>
                <module>api</module>
              </modules>
              <dependencyManagement>
                <dependencies>
                  <dependency>
                    <groupId>junit</groupId>
                    <artifactId>junit</artifactId>
                    <version>4.13.2</version>
                  </dependency>
                  <dependency>
                    <groupId>org.mockito</groupId>
                    <artifactId>mockito-core</artifactId>
                    <version>5.11.0</version>
                  </dependency>
                </dependencies>
              </dependencyManagement>
              <dependencies>
                <dependency>
                  <groupId>org.assertj</groupId>
                  <artifactId>assertj-core</artifactId>
                  <version>3.25.3</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """;
    static final String LEGACY_POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <parent>
                <groupId>com.acme</groupId>
                <artifactId>acme-parent</artifactId>
                <version>1.0.0</version>
              </parent>
              <artifactId>legacy</artifactId>
              <dependencies>
                <dependency>
                  <groupId>junit</groupId>
                  <artifactId>junit</artifactId>
                  <scope>test</scope>
                </dependency>
                <dependency>
                  <groupId>org.mockito</groupId>
                  <artifactId>mockito-core</artifactId>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """;
    static final String SERVICE_POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <parent>
                <groupId>com.acme</groupId>
                <artifactId>acme-parent</artifactId>
                <version>1.0.0</version>
              </parent>
              <artifactId>service</artifactId>
              <dependencies>
                <!-- moved to JUnit 5:
                <dependency>
                  <groupId>junit</groupId>
                  <artifactId>junit</artifactId>
                </dependency>
                -->
                <dependency>
                  <groupId>org.junit.jupiter</groupId>
                  <artifactId>junit-jupiter</artifactId>
                  <version>5.10.2</version>
                  <scope>test</scope>
                </dependency>
              </dependencies>
            </project>
            """;
    static final String API_POM = """
            <project xmlns="http://maven.apache.org/POM/4.0.0">
              <modelVersion>4.0.0</modelVersion>
              <parent>
                <groupId>com.acme</groupId>
                <artifactId>acme-parent</artifactId>
                <version>1.0.0</version>
              </parent>
              <artifactId>api</artifactId>
            </project>
            """;
    static final String PARSER = """
            package com.acme.legacy;

            public class LegacyParser {
                public int parse(String s) {
                    return Integer.parseInt(s.trim());
                }
            }
            """;

    private static PlacementFixture multiModule() {
        return new PlacementFixture()
                .file("pom.xml", PARENT_POM)
                .file("legacy/pom.xml", LEGACY_POM)
                .file("legacy/src/main/java/com/acme/legacy/LegacyParser.java", PARSER)
                .file("service/pom.xml", SERVICE_POM)
                .file(
                        "service/src/main/java/com/acme/service/Billing.java",
                        PARSER.replace("legacy", "service").replace("LegacyParser", "Billing"))
                .file("api/pom.xml", API_POM)
                .file(
                        "api/src/main/java/com/acme/api/Routes.java",
                        PARSER.replace("legacy", "api").replace("LegacyParser", "Routes"));
    }

    @Test
    void aJUnit4ModuleGetsJUnit4WithHamcrestAndItsAndItsParentsLibraries() {
        // When
        TestTarget target = multiModule().target("legacy/src/main/java/com/acme/legacy/LegacyParser.java");

        // Then
        assertThat(target.path()).isEqualTo("legacy/src/test/java/com/acme/legacy/LegacyParserTest.java");
        assertThat(target.name()).isEqualTo("LegacyParserTest");
        assertThat(target.framework()).isEqualTo(TestFramework.JUNIT4);
        assertThat(target.imports()).isEqualTo("package com.acme.legacy (same package as the code under test)");
        assertThat(target.libraries()).containsExactly("assertj", "hamcrest", "mockito");
        assertThat(target.sourcePath()).isEqualTo("legacy/src/main/java/com/acme/legacy/LegacyParser.java");
        assertThat(target.mergeInto()).isEqualTo(target.path());
        assertThat(target.split()).isFalse();
    }

    @Test
    void aJUnit5ModuleBesideItIsJUnit5AndACommentedOutJUnit4DoesNotCount() {
        // When
        TestTarget target = multiModule().target("service/src/main/java/com/acme/service/Billing.java");

        // Then
        assertThat(target.path()).isEqualTo("service/src/test/java/com/acme/service/BillingTest.java");
        assertThat(target.framework()).isEqualTo(TestFramework.JUNIT5);
        assertThat(target.libraries()).containsExactly("assertj");
    }

    @Test
    void aModuleSilentOnJUnitIsNotGivenTheVersionItsParentOnlyManages() {
        // When the parent pins junit 4 in dependencyManagement and declares no JUnit dependency
        TestTarget target = multiModule().target("api/src/main/java/com/acme/api/Routes.java");

        // Then the default holds, with the parent's inherited assertj
        assertThat(target.framework()).isEqualTo(TestFramework.JUNIT5);
        assertThat(target.libraries()).containsExactly("assertj");
    }

    @Test
    void aModuleSilentOnJUnitInheritsItsParentsJUnitDependency() {
        // Given a Gradle root that gives every subproject JUnit 4
        PlacementFixture repo = new PlacementFixture()
                .file("build.gradle", """
                        subprojects {
                            apply plugin: 'java'
                            repositories { mavenCentral() }
                            dependencies {
                                testImplementation 'junit:junit:4.13.2'
                                // testImplementation 'org.junit.jupiter:junit-jupiter:5.10.2'
                            }
                        }
                        """)
                .file(
                        "core/build.gradle",
                        "dependencies {\n    implementation 'com.google.guava:guava:33.0.0-jre'\n}\n")
                .file(
                        "core/src/main/java/acme/Strings.java",
                        "package acme;\n\npublic class Strings {\n    public static String up(String s) {\n        return s.toUpperCase();\n    }\n}\n");

        // When
        TestTarget target = repo.target("core/src/main/java/acme/Strings.java");

        // Then
        assertThat(target.framework()).isEqualTo(TestFramework.JUNIT4);
        assertThat(target.path()).isEqualTo("core/src/test/java/acme/StringsTest.java");
        assertThat(target.libraries()).containsExactly("hamcrest");
    }

    @Test
    void gradleKotlinDslWithTheJUnitPlatformAndSpringBootsTestStarter() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("build.gradle.kts", """
                        plugins {
                            java
                            id("org.springframework.boot") version "3.2.4"
                        }

                        dependencies {
                            implementation("org.springframework.boot:spring-boot-starter-web")
                            testImplementation("org.springframework.boot:spring-boot-starter-test")
                        }

                        tasks.test {
                            useJUnitPlatform()
                        }
                        """)
                .file(
                        "src/main/java/com/acme/web/Greeting.java",
                        "package com.acme.web;\n\npublic class Greeting {\n    public String hello(String n) {\n        return \"Hello \" + n;\n    }\n}\n");

        // When
        TestTarget target = repo.target("src/main/java/com/acme/web/Greeting.java");

        // Then
        assertThat(target.framework()).isEqualTo(TestFramework.JUNIT5);
        assertThat(target.path()).isEqualTo("src/test/java/com/acme/web/GreetingTest.java");
        assertThat(target.libraries()).containsExactly("assertj", "hamcrest", "mockito");
    }

    @Test
    void anExistingTestIsNeverOverwrittenTheNewOneTakesAFreeNameBesideIt() {
        // Given
        PlacementFixture repo = multiModule()
                .file(
                        "legacy/src/test/java/com/acme/legacy/LegacyParserTest.java",
                        "package com.acme.legacy;\n\npublic class LegacyParserTest {\n}\n");

        // When
        TestTarget target = repo.target("legacy/src/main/java/com/acme/legacy/LegacyParser.java");

        // Then
        assertThat(target.path()).isEqualTo("legacy/src/test/java/com/acme/legacy/LegacyParserGeneratedTest.java");
        assertThat(target.name()).isEqualTo("LegacyParserGeneratedTest");
    }

    @Test
    void theDefaultPackageIsStatedAsSuch() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("pom.xml", SERVICE_POM)
                .file(
                        "src/main/java/Main.java",
                        "public class Main {\n    public static int twice(int x) {\n        return 2 * x;\n    }\n}\n");

        // When
        TestTarget target = repo.target("src/main/java/Main.java");

        // Then
        assertThat(target.path()).isEqualTo("src/test/java/MainTest.java");
        assertThat(target.imports())
                .isEqualTo("the default package (no package declaration, like the code under test)");
    }

    @Test
    void javaOutsideAMavenOrGradleLayoutHasNoTarget() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("pom.xml", SERVICE_POM)
                .file(
                        "tools/Gen.java",
                        "public class Gen {\n    public static void main(String[] a) {\n        System.out.println(a.length);\n    }\n}\n")
                .file(
                        "lib/src/main/java/x/Y.java",
                        "package x;\n\npublic class Y {\n    int f() {\n        return 1;\n    }\n}\n");
        PlacementFixture noBuild = new PlacementFixture()
                .file(
                        "src/main/java/x/Y.java",
                        "package x;\n\npublic class Y {\n    int f() {\n        return 1;\n    }\n}\n");

        // Then
        assertThat(repo.targetOf("tools/Gen.java", 1, 1)).isEmpty();
        assertThat(repo.targetOf("lib/src/main/java/x/Y.java", 1, 1)).isPresent();
        assertThat(noBuild.targetOf("src/main/java/x/Y.java", 1, 1)).isEmpty();
    }
}
