package dev.nightshift.ingest.plan.tests.placement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nightshift.core.validation.TestFramework;
import dev.nightshift.core.validation.TestTarget;
import org.junit.jupiter.api.Test;

/** JavaScript/TypeScript placement for Mocha, Jest, Vitest and node --test, ES modules and CommonJS. */
class JavaScriptPlacementTest {
    static final String CART_CJS = """
            'use strict';

            function Cart() {
              this.items = [];
            }

            Cart.prototype.add = function (item) {
              this.items.push(item);
              return this;
            };

            Cart.prototype.total = function () {
              return this.items.reduce((sum, i) => sum + i.price, 0);
            };

            module.exports = Cart;
            """;
    static final String SLUG_ESM = """
            const SEPARATOR = '-';

            export function slugify(text) {
              return text.toLowerCase().trim().split(/\\s+/).join(SEPARATOR);
            }

            export const unslug = (slug) => slug.split(SEPARATOR).join(' ');
            """;

    private static String packageJson(String test, String extra) {
        return """
                {
                  "name": "acme-shop",
                  "version": "1.2.0",
                  %s
                  "scripts": {
                    "lint": "eslint .",
                    "test": "%s"
                  }
                }
                """.formatted(extra, test);
    }

    @Test
    void mochaSpecFromMocharcYamlWithCommonJsRequireAndDeclaredLibraries() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("package.json", packageJson("mocha", """
                        "devDependencies": { "mocha": "^10.4.0", "chai": "^4.4.1", "sinon": "^17.0.1", "eslint": "^8.57.0" },"""))
                .file(".mocharc.yml", "require: test/setup.js\nspec: 'test/unit/**/*.spec.js'\ntimeout: 5000\n")
                .file("lib/cart.js", CART_CJS);

        // When
        TestTarget target = repo.target("lib/cart.js");

        // Then
        assertThat(target.path()).isEqualTo("test/unit/cart.spec.js");
        assertThat(target.name()).isEqualTo("cart");
        assertThat(target.framework()).isEqualTo(TestFramework.MOCHA);
        assertThat(target.imports()).isEqualTo("const Cart = require('../../lib/cart')");
        assertThat(target.libraries()).containsExactly("chai", "sinon");
    }

    @Test
    void mochaFolderFromTheTestScriptNotMistakingAnOptionsValueForAPath() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "package.json",
                        packageJson("nyc --reporter=lcov mocha --reporter spec --recursive test/integration", ""))
                .file("lib/cart.js", CART_CJS);

        // When
        TestTarget target = repo.target("lib/cart.js");

        // Then
        assertThat(target.path()).isEqualTo("test/integration/cart.test.js");
        assertThat(target.framework()).isEqualTo(TestFramework.MOCHA);
    }

    @Test
    void mochaByDefaultCollectsTestFolderFilesAndSharedStemsGetTheirFolder() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("package.json", packageJson("mocha", ""))
                .file("lib/cart.js", CART_CJS)
                .file("lib/a/index.js", "module.exports = { one: () => 1 };\n")
                .file("lib/b/index.js", "exports.two = function () { return 2; };\n");

        // Then
        assertThat(repo.target("lib/cart.js").path()).isEqualTo("test/cart.test.js");
        TestTarget a = repo.target("lib/a/index.js");
        assertThat(a.path()).isEqualTo("test/a-index.test.js");
        assertThat(a.imports()).isEqualTo("const { one } = require('../lib/a/index')");
        assertThat(repo.target("lib/b/index.js").imports()).isEqualTo("const { two } = require('../lib/b/index')");
    }

    @Test
    void jestTestMatchFromAJavaScriptConfigFile() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "package.json",
                        packageJson(
                                "jest --coverage",
                                "\"devDependencies\": { \"jest\": \"^29.7.0\", \"supertest\": \"^6.3.4\" },"))
                .file("jest.config.js", """
                        /** @type {import('jest').Config} */
                        module.exports = {
                          testEnvironment: 'node',
                          // tests live apart from the code
                          testMatch: ['<rootDir>/spec/**/*.spec.js'],
                          collectCoverageFrom: ['lib/**/*.js'],
                        };
                        """)
                .file("lib/cart.js", CART_CJS);

        // When
        TestTarget target = repo.target("lib/cart.js");

        // Then
        assertThat(target.path()).isEqualTo("spec/cart.spec.js");
        assertThat(target.framework()).isEqualTo(TestFramework.JEST);
        assertThat(target.imports()).isEqualTo("const Cart = require('../lib/cart')");
        assertThat(target.libraries()).containsExactly("supertest");
    }

    @Test
    void jestTestRegexFromAJsonConfig() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "package.json",
                        packageJson(
                                "jest --config jest.config.json", "\"devDependencies\": { \"jest\": \"^29.7.0\" },"))
                .file(
                        "jest.config.json",
                        "{\n  \"testRegex\": \"/test/.*\\\\.test\\\\.js$\",\n  \"testEnvironment\": \"node\"\n}\n")
                .file("src/cart.js", CART_CJS);

        // When
        TestTarget target = repo.target("src/cart.js");

        // Then
        assertThat(target.path()).isEqualTo("test/cart.test.js");
        assertThat(target.imports()).isEqualTo("const Cart = require('../src/cart')");
    }

    @Test
    void jestDefaultsPutTheTestBesideTheSourceUnlessTheRepositoryUsesTestsFolders() {
        // Given
        String pkg = packageJson("jest", "\"devDependencies\": { \"jest\": \"^29.7.0\" },");
        PlacementFixture fresh =
                new PlacementFixture().file("package.json", pkg).file("src/cart.js", CART_CJS);
        PlacementFixture withTestsFolders = new PlacementFixture()
                .file("package.json", pkg)
                .file("src/cart.js", CART_CJS)
                .file("src/__tests__/price.test.js", "test('p', () => {});\n")
                .file("src/__tests__/tax.test.js", "test('t', () => {});\n");

        // Then
        assertThat(fresh.target("src/cart.js").path()).isEqualTo("src/cart.test.js");
        TestTarget nested = withTestsFolders.target("src/cart.js");
        assertThat(nested.path()).isEqualTo("src/__tests__/cart.test.js");
        assertThat(nested.imports()).isEqualTo("const Cart = require('../cart')");
    }

    @Test
    void jestRootsKeepTestsWhereJestLooks() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("package.json", packageJson("jest", "\"jest\": { \"roots\": [\"<rootDir>/test\"] },"))
                .file("src/cart.js", CART_CJS);

        // Then
        assertThat(repo.target("src/cart.js").path()).isEqualTo("test/cart.test.js");
    }

    @Test
    void vitestWithTypeScriptEsModules() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "package.json",
                        packageJson(
                                "vitest run",
                                "\"type\": \"module\", \"devDependencies\": { \"vitest\": \"^1.5.0\", \"typescript\": \"^5.4.0\" },"))
                .file("vitest.config.ts", """
                        import { defineConfig } from 'vitest/config';

                        export default defineConfig({
                          test: {
                            include: ['src/**/*.{test,spec}.ts'],
                            environment: 'node',
                          },
                        });
                        """)
                .file("src/math/vector.ts", """
                        export interface Point { x: number; y: number }

                        export function add(a: Point, b: Point): Point {
                          return { x: a.x + b.x, y: a.y + b.y };
                        }

                        export class Vector {
                          constructor(readonly p: Point) {}
                          length(): number { return Math.hypot(this.p.x, this.p.y); }
                        }
                        """);

        // When
        TestTarget target = repo.target("src/math/vector.ts");

        // Then
        assertThat(target.path()).isEqualTo("src/math/vector.test.ts");
        assertThat(target.framework()).isEqualTo(TestFramework.VITEST);
        assertThat(target.imports()).isEqualTo("import { add, Vector } from './vector'");
    }

    @Test
    void nodeTestInAnEsModulePackageImportsWithTheFullFileName() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("package.json", packageJson("node --test", "\"type\": \"module\","))
                .file("lib/slug.js", SLUG_ESM);

        // When
        TestTarget target = repo.target("lib/slug.js");

        // Then
        assertThat(target.path()).isEqualTo("lib/slug.test.js");
        assertThat(target.framework()).isEqualTo(TestFramework.NODE_TEST);
        assertThat(target.imports()).isEqualTo("import { slugify, unslug } from './slug.js'");
    }

    @Test
    void nodeTestFollowsTheExistingSpecNamingInItsTestFolder() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file("package.json", packageJson("node --test test/", ""))
                .file("test/order.spec.js", "const test = require('node:test');\n")
                .file("src/cart.cjs", CART_CJS);

        // When
        TestTarget target = repo.target("src/cart.cjs");

        // Then
        assertThat(target.path()).isEqualTo("test/cart.spec.cjs");
        assertThat(target.imports()).isEqualTo("const Cart = require('../src/cart.cjs')");
    }

    @Test
    void withoutAnyPackageJsonNodeTestIsTheDefault() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "scripts/report.js",
                        "function summarize(rows) {\n  return rows.length;\n}\n\nmodule.exports = { summarize };\n");

        // When
        TestTarget target = repo.target("scripts/report.js");

        // Then
        assertThat(target.framework()).isEqualTo(TestFramework.NODE_TEST);
        assertThat(target.path()).isEqualTo("scripts/report.test.js");
        assertThat(target.imports()).isEqualTo("const { summarize } = require('./report')");
    }

    @Test
    void aRunnerWeDoNotWriteForMeansNoTarget() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "package.json",
                        packageJson(
                                "ava --verbose",
                                "\"devDependencies\": { \"ava\": \"^6.1.2\", \"jest\": \"^29.7.0\" },"))
                .file("lib/cart.js", CART_CJS);

        // Then
        assertThat(repo.targetOf("lib/cart.js", 1, 1)).isEmpty();
    }

    @Test
    void aWorkspacePackageWithoutItsOwnRunnerUsesTheRootOne() {
        // Given
        PlacementFixture repo = new PlacementFixture()
                .file(
                        "package.json",
                        packageJson(
                                "vitest",
                                "\"private\": true, \"workspaces\": [\"packages/*\"], \"devDependencies\": { \"vitest\": \"^1.5.0\" },"))
                .file(
                        "packages/cart/package.json",
                        "{ \"name\": \"@acme/cart\", \"type\": \"module\", \"main\": \"index.js\" }")
                .file("packages/cart/index.js", "export default function makeCart() {\n  return { items: [] };\n}\n");

        // When
        TestTarget target = repo.target("packages/cart/index.js");

        // Then
        assertThat(target.framework()).isEqualTo(TestFramework.VITEST);
        assertThat(target.path()).isEqualTo("packages/cart/index.test.js");
        assertThat(target.imports()).isEqualTo("import makeCart from './index.js'");
    }
}
