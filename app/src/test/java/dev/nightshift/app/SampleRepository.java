package dev.nightshift.app;

import dev.nightshift.testkit.GitRepoBuilder;
import java.nio.file.Path;

/** The small repository the end-to-end tests run on: three languages, a binary, a nested folder, two commits. */
final class SampleRepository {
    static final String JAVA = "src/main/java/shop/Cart.java";
    static final String PYTHON = "tools/report.py";
    static final String JAVASCRIPT = "web/js/app.js";
    static final String BINARY = "assets/logo.png";

    final Path dir;
    final String firstCommit;
    final String secondCommit;

    private SampleRepository(Path dir, String firstCommit, String secondCommit) {
        this.dir = dir;
        this.firstCommit = firstCommit;
        this.secondCommit = secondCommit;
    }

    static SampleRepository create(Path dir) {
        try (GitRepoBuilder repo = GitRepoBuilder.init(dir)) {
            String first = repo.file(JAVA, """
                            package shop;

                            import java.util.ArrayList;
                            import java.util.List;

                            /** A shopping cart. */
                            public class Cart {
                                private final List<Long> pricesInCents = new ArrayList<>();

                                public void add(long priceInCents) {
                                    if (priceInCents < 0) {
                                        throw new IllegalArgumentException("negative price");
                                    }
                                    pricesInCents.add(priceInCents);
                                }

                                public long total() {
                                    return pricesInCents.stream().mapToLong(Long::longValue).sum();
                                }
                            }
                            """)
                    .file(BINARY, new byte[] {
                        (byte) 0x89,
                        'P',
                        'N',
                        'G',
                        0x0D,
                        0x0A,
                        0x1A,
                        0x0A,
                        0,
                        0,
                        0,
                        0x0D,
                        'I',
                        'H',
                        'D',
                        'R',
                        0,
                        1,
                        2,
                        3
                    })
                    .commit("first: the cart");
            String second = repo.file(PYTHON, """
                            import csv


                            def summarise(rows):
                                \"\"\"Sum the amount column of a list of dicts.\"\"\"
                                return sum(int(r["amount"]) for r in rows)


                            def read(path):
                                with open(path) as f:
                                    return list(csv.DictReader(f))
                            """).file(JAVASCRIPT, """
                            export function formatPrice(cents) {
                              return `$${(cents / 100).toFixed(2)}`;
                            }

                            export class Basket {
                              constructor() { this.items = []; }
                              add(item) { this.items.push(item); }
                            }
                            """).commit("second: tools and web");
            return new SampleRepository(dir, first, second);
        }
    }
}
