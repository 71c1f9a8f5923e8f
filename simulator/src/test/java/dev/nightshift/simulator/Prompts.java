package dev.nightshift.simulator;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** Prompts shaped like the worker's, and request bodies of the three protocols carrying them. */
final class Prompts {
    static final String DOCS_SYSTEM = "You are a senior engineer. Write Markdown documentation for the file below: "
            + "an overview, then one section per class and function.";
    static final String TESTS_SYSTEM =
            "You are a senior engineer. Write unit tests for the file below, in its language and "
                    + "usual test framework. Answer with one test file in a fenced code block.";
    static final String JAVA_UNIT =
            "File: src/main/java/com/acme/Greeter.java\nLanguage: java\n\n```java\npackage com.acme;\n\n"
                    + "/** Greets people. */\npublic class Greeter {\n    private final String greeting;\n\n"
                    + "    public Greeter(String greeting) {\n        this.greeting = greeting;\n    }\n\n"
                    + "    public String greet(String name) {\n        return greeting + \", \" + name + \"!\";\n    }\n\n"
                    + "    public static Greeter english() {\n        return new Greeter(\"Hello\");\n    }\n}\n```\n";
    static final String PYTHON_UNIT = "File: tools/slugify.py\n\n```python\nimport re\n\n\ndef slugify(text):\n"
            + "    return re.sub(r'[^a-z0-9]+', '-', text.lower()).strip('-')\n\n\nclass Slugger:\n"
            + "    def __init__(self, sep='-'):\n        self.sep = sep\n```\n";

    private Prompts() {}

    /** What the simulator counts: the system text, a blank line, the user text. */
    static String joined(String system, String user) {
        return system + "\n\n" + user;
    }

    static JsonObject openAi(String model, String system, String user) {
        return new JsonObject()
                .put("model", model)
                .put(
                        "messages",
                        new JsonArray()
                                .add(new JsonObject().put("role", "system").put("content", system))
                                .add(new JsonObject().put("role", "user").put("content", user)));
    }

    static JsonObject anthropic(String model, String system, String user, int maxTokens) {
        return new JsonObject()
                .put("model", model)
                .put("max_tokens", maxTokens)
                .put("system", system)
                .put(
                        "messages",
                        new JsonArray().add(new JsonObject().put("role", "user").put("content", user)));
    }

    static JsonObject gemini(String system, String user) {
        return new JsonObject()
                .put(
                        "systemInstruction",
                        new JsonObject().put("parts", new JsonArray().add(new JsonObject().put("text", system))))
                .put(
                        "contents",
                        new JsonArray()
                                .add(new JsonObject()
                                        .put("role", "user")
                                        .put("parts", new JsonArray().add(new JsonObject().put("text", user)))));
    }
}
