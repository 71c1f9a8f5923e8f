package dev.nightshift.simulator.conformance;

/** Shared inputs of the SDK conformance tests. */
final class Sdk {
    static final String KEY = "sk-conformance-FAKE-0000";
    static final String DOCS_SYSTEM = "You are a senior engineer. Write Markdown documentation for the file below.";
    static final String JAVA_UNIT =
            "File: src/main/java/com/acme/Greeter.java\n\n```java\npackage com.acme;\n\npublic class Greeter {\n"
                    + "    public String greet(String name) {\n        return \"Hello, \" + name;\n    }\n}\n```\n";

    private Sdk() {}

    /** Over 1024 tokens of stable context, so that prompt caches engage. */
    static String longContext() {
        return "Repository context: the acme project, a greeting service with careful documentation. ".repeat(120)
                + "\n\n";
    }
}
