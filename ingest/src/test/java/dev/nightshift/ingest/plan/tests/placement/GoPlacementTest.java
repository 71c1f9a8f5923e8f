package dev.nightshift.ingest.plan.tests.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import org.junit.jupiter.api.Test;

/** Go placement: beside the source, same package, libraries from the nearest go.mod. */
class GoPlacementTest {
    static final String GO_MOD = """
            module github.com/acme/shapes

            go 1.22

            require (
            	github.com/google/uuid v1.6.0
            	github.com/stretchr/testify v1.9.0
            )
            """;
    static final String AREA = """
            // Package geometry computes areas.
            package geometry

            import "math"

            // Circle is a circle.
            type Circle struct{ R float64 }

            // Area of the circle.
            func (c Circle) Area() float64 {
            	return math.Pi * c.R * c.R
            }
            """;

    @Test
    void theTestSitsBesideTheSourceInItsPackageWithTheModulesTestLibraries() {
        // Given
        PlacementFixture repo = new PlacementFixture().file("go.mod", GO_MOD).file("internal/geometry/area.go", AREA);

        // When
        TestTarget target = repo.target("internal/geometry/area.go");

        // Then
        assertThat(target.path()).isEqualTo("internal/geometry/area_test.go");
        assertThat(target.name()).isEqualTo("geometry");
        assertThat(target.framework()).isEqualTo(TestFramework.GO_TEST);
        assertThat(target.imports()).isEqualTo("package geometry (same package as the code under test)");
        assertThat(target.libraries()).containsExactly("testify");
    }

    @Test
    void aModuleWithoutTestLibrariesGetsTheStandardLibraryOnly() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("go.mod", "module example.com/x\n\ngo 1.22\n")
                .file("area.go", AREA);

        // Then
        assertThat(repo.target("area.go").libraries()).isEmpty();
        assertThat(repo.target("area.go").path()).isEqualTo("area_test.go");
    }
}
