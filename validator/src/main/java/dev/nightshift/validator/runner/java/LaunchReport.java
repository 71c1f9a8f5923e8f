package dev.nightshift.validator.runner.java;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * The per-case results of one console-launcher run, read from the XML reports it writes into
 * {@code --reports-dir} ({@code TEST-junit-jupiter.xml}, {@code TEST-junit-vintage.xml}, one per engine, in the
 * Ant/Surefire format). A failing {@code @BeforeAll} shows as an error on every case of its class.
 */
final class LaunchReport {
    private LaunchReport() {}

    enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    /**
     * @param className the class that declares the case ({@code pkg.OuterTest$Nested} for nested classes)
     * @param name      as the engine reports it: {@code divides()}, {@code add(int)[2]}, {@code divides} (JUnit 4)
     * @param type      the failure's exception class ({@code null} when it passed)
     * @param message   the failure's message
     * @param trace     the failure's stack trace
     */
    record Case(String className, String name, Status status, String type, String message, String trace) {
        /** The method that declares the case: the name up to its parameters or invocation index. */
        String method() {
            int end = name.length();
            for (char c : new char[] {'(', '['}) {
                int i = name.indexOf(c);
                if (i >= 0 && i < end) {
                    end = i;
                }
            }
            return name.substring(0, end).strip();
        }

        String key() {
            return className + "#" + name;
        }

        /** {@code CalculatorTest.divides(): expected: <3> but was: <2> (CalculatorTest.java:12)} */
        String describe(String testClass) {
            String simple = className.substring(className.lastIndexOf('.') + 1);
            String shortType = type == null ? "" : type.substring(type.lastIndexOf('.') + 1);
            boolean assertion = shortType.equals("AssertionFailedError")
                    || shortType.equals("AssertionError")
                    || shortType.equals("ComparisonFailure")
                    || shortType.equals("MultipleFailuresError");
            String what = message == null || message.isBlank()
                    ? shortType
                    : assertion ? message.strip() : shortType + ": " + message.strip();
            String at = location(testClass);
            return simple + "." + name + ": " + what + (at == null ? "" : " (" + at + ")");
        }

        /** The first stack frame in the test class: {@code CalculatorTest.java:12}. */
        String location(String testClass) {
            if (trace == null) {
                return null;
            }
            for (String line : trace.lines().toList()) {
                String l = line.strip();
                if (!l.startsWith("at ")) {
                    continue;
                }
                int open = l.lastIndexOf('(');
                int close = l.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                // a frame may name its class loader or module first: "app//demo.T.m(T.java:3)", "java.base/java.lang…"
                String method = l.substring(3, open);
                method = method.substring(method.lastIndexOf('/') + 1);
                if (method.startsWith(testClass + ".") || method.startsWith(testClass + "$")) {
                    return l.substring(open + 1, close);
                }
            }
            return null;
        }
    }

    /** Every case of every report in the folder; an empty list when the launcher wrote none. */
    static List<Case> read(Path reportsDir) throws IOException {
        List<Case> cases = new ArrayList<>();
        if (!Files.isDirectory(reportsDir)) {
            return cases;
        }
        List<Path> reports;
        try (Stream<Path> files = Files.list(reportsDir)) {
            reports = files.filter(f -> f.getFileName().toString().startsWith("TEST-")
                            && f.toString().endsWith(".xml"))
                    .sorted()
                    .toList();
        }
        DocumentBuilder builder = builder();
        for (Path report : reports) {
            Document doc;
            try (InputStream in = Files.newInputStream(report)) {
                doc = builder.parse(in);
            } catch (SAXException e) {
                throw new IOException("unreadable test report " + report.getFileName() + ": " + e.getMessage(), e);
            }
            NodeList testcases = doc.getElementsByTagName("testcase");
            for (int i = 0; i < testcases.getLength(); i++) {
                cases.add(toCase((Element) testcases.item(i)));
            }
        }
        return cases;
    }

    /** Whether the launcher wrote any report at all (it writes one per engine, even when empty). */
    static boolean written(Path reportsDir) throws IOException {
        if (!Files.isDirectory(reportsDir)) {
            return false;
        }
        try (Stream<Path> files = Files.list(reportsDir)) {
            return files.anyMatch(f -> f.getFileName().toString().startsWith("TEST-"));
        }
    }

    private static Case toCase(Element testcase) {
        String name = testcase.getAttribute("name");
        String className = testcase.getAttribute("classname");
        for (Node child = testcase.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element e) {
                switch (e.getTagName()) {
                    case "failure", "error" -> {
                        return new Case(
                                className,
                                name,
                                Status.FAILED,
                                e.getAttribute("type"),
                                e.getAttribute("message"),
                                e.getTextContent());
                    }
                    case "skipped" -> {
                        return new Case(className, name, Status.SKIPPED, null, e.getAttribute("message"), null);
                    }
                    default -> {
                        // system-out, system-err: not a result
                    }
                }
            }
        }
        return new Case(className, name, Status.PASSED, null, null, null);
    }

    private static DocumentBuilder builder() throws IOException {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setXIncludeAware(false);
            return f.newDocumentBuilder();
        } catch (ParserConfigurationException e) {
            throw new IOException("no XML parser: " + e.getMessage(), e);
        }
    }
}
