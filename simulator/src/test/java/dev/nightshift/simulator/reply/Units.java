package dev.nightshift.simulator.reply;

/** Small, realistic code under test, in each language the simulator writes runnable tests for. */
final class Units {
    static final String CALCULATOR_PATH = "src/main/java/com/acme/Calculator.java";
    static final String CALCULATOR = """
            package com.acme;

            import java.util.ArrayList;
            import java.util.List;

            /** A calculator that remembers what it was given. */
            public class Calculator {
                private static final int DIGITS = 2;
                private final List<Integer> memory = new ArrayList<>();
                private String name = "calc";

                public int add(int a, int b) {
                    return a + b;
                }

                /**
                 * Divides.
                 *
                 * @throws IllegalArgumentException when {@code b} is zero
                 */
                public double divide(int a, int b) {
                    if (b == 0) {
                        throw new IllegalArgumentException("cannot divide by zero");
                    }
                    return (double) a / b;
                }

                public static long square(long x) {
                    return x * x;
                }

                public boolean isPositive(double value) {
                    return value > 0;
                }

                public String label(String unit) {
                    if (unit == null || unit.isBlank()) throw new IllegalArgumentException("unit");
                    return name + " (" + unit + ", " + DIGITS + " digits)";
                }

                public void remember(int value) {
                    memory.add(value);
                }

                public int remembered() {
                    return memory.size();
                }

                private int secret() {
                    return 42;
                }
            }
            """;

    /** A unit whose test the model gets wrong although it believes it: the recursion never ends. */
    static final String RUNAWAY_PATH = "src/main/java/com/acme/Runaway.java";

    static final String RUNAWAY = """
            package com.acme;

            public final class Runaway {
                public static int twice(int x) {
                    return x * 2;
                }

                public static int countUp(int n) {
                    return countUp(n + 1);
                }
            }
            """;

    /** Part 2 of 3 of a split class: the header, the class line, and only some members — no constructor shown. */
    static final String ACCOUNT_PART_PATH = "src/main/java/com/acme/Account.java#Account@L40-60";

    static final String ACCOUNT_PART = """
            // nightshift context for writing tests (not part of the code under test)
            // test framework: junit5 (from the build files)
            // unit under test: class Account, lines 1-90 of src/main/java/com/acme/Account.java
            // end of nightshift context
            package com.acme;

            public class Account {
                public static int cents(int euros) {
                    if (euros < 0) {
                        throw new IllegalArgumentException("negative");
                    }
                    return euros * 100;
                }

                public String owner() {
                    return owner;
                }
            }
            """;

    static final String PYTHON_PATH = "shop/pricing.py";
    static final String PYTHON = """
            \"\"\"Prices and greetings.\"\"\"
            import math

            TAX = 0.2


            def add(a: int, b: int) -> int:
                \"\"\"Adds two numbers.\"\"\"
                return a + b


            def divide(a, b):
                if b == 0:
                    raise ValueError("cannot divide by zero")
                return a / b


            def greet(name="World"):
                if not isinstance(name, str):
                    raise TypeError("name must be a string")
                return f"Hello, {name}!"


            def with_tax(price):
                if price < 0:
                    raise ValueError("negative price")
                total = price * (1 + TAX)
                return round(total, 2)


            def _helper():
                return 1


            class Greeter:
                \"\"\"Greets people.\"\"\"

                def __init__(self, greeting="Hello"):
                    if not greeting:
                        raise ValueError("greeting must not be empty")
                    self.greeting = greeting

                def greet(self, name):
                    return f"{self.greeting}, {name}!"

                def shout(self, name):
                    return self.greet(name).upper()
            """;

    static final String CJS_PATH = "lib/greet.js";
    static final String CJS = """
            'use strict';

            const DEFAULT_GREETING = 'Hello';

            /**
             * Greets someone.
             * @param {string} name who to greet
             */
            function greet(name) {
              if (typeof name !== 'string') {
                throw new TypeError('name must be a string');
              }
              return `${DEFAULT_GREETING}, ${name}!`;
            }

            const add = (a, b) => a + b;

            function divide(a, b) {
              if (b === 0) throw new RangeError('division by zero');
              return a / b;
            }

            class Counter {
              constructor(start = 0) {
                if (start < 0) {
                  throw new RangeError('start must not be negative');
                }
                this.count = start;
              }

              increment() {
                this.count += 1;
                return this.count;
              }

              current() {
                return this.count;
              }
            }

            module.exports = { greet, add, divide, Counter };
            """;

    static final String ESM_PATH = "src/mathx.js";
    static final String ESM = """
            export function square(x) {
              return x * x;
            }

            export const half = (n) => {
              if (!Number.isFinite(n)) {
                throw new TypeError('n must be a finite number');
              }
              return n / 2;
            };

            export default function describe(label = 'value') {
              return label.toUpperCase();
            }
            """;

    private Units() {}
}
