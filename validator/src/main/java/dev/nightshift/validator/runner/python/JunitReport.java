package dev.nightshift.validator.runner.python;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;

/**
 * Reads pytest's {@code --junitxml} report (written by the candidate's own process, so parsed without
 * document types or external entities): one {@code testcase} per collected case, and one per module pytest
 * could not collect (an import or syntax error), marked {@code <error message="collection failure">}.
 */
final class JunitReport {
    enum Status {
        PASSED,
        FAILED,
        SKIPPED
    }

    /**
     * @param className pytest's dotted module path, followed by the class for a method ({@code tests.test_x.TestY})
     * @param name      the function or method, with its parameters ({@code test_z[1]})
     * @param detail    for a failure: its message and the location pytest reported
     */
    record Case(String className, String name, Status status, String detail) {
        String id() {
            return className + "::" + name;
        }

        /** The function or method the case runs, without parameters. */
        String function() {
            int bracket = name.indexOf('[');
            return bracket < 0 ? name : name.substring(0, bracket);
        }
    }

    /** @param collectionErrors what pytest printed for each module it could not collect */
    record Run(List<String> collectionErrors, List<Case> cases) {}

    private JunitReport() {}

    static Run parse(String xml) throws IOException {
        NodeList testcases = document(xml).getElementsByTagName("testcase");
        List<String> collectionErrors = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        for (int i = 0; i < testcases.getLength(); i++) {
            Element testcase = (Element) testcases.item(i);
            Element error = child(testcase, "error");
            if (error != null && "collection failure".equals(error.getAttribute("message"))) {
                collectionErrors.add(error.getTextContent());
                continue;
            }
            Element failure = error != null ? error : child(testcase, "failure");
            Status status = failure != null
                    ? Status.FAILED
                    : child(testcase, "skipped") != null ? Status.SKIPPED : Status.PASSED;
            cases.add(new Case(
                    testcase.getAttribute("classname"),
                    testcase.getAttribute("name"),
                    status,
                    failure == null ? "" : detail(failure)));
        }
        return new Run(collectionErrors, cases);
    }

    /** The failure's message and the last {@code file:line:} location of its traceback. */
    private static String detail(Element failure) {
        String message = failure.getAttribute("message").strip();
        String location = "";
        for (String line : failure.getTextContent().split("\n")) {
            if (line.matches("\\S+:\\d+: .*")) {
                location = line.strip();
            }
        }
        return location.isEmpty() ? message : message + "\n  at " + location;
    }

    private static Element child(Element parent, String tag) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(tag)) {
                return e;
            }
        }
        return null;
    }

    private static org.w3c.dom.Document document(String xml) throws IOException {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setExpandEntityReferences(false);
            factory.setXIncludeAware(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder.parse(new InputSource(new StringReader(xml)));
        } catch (ParserConfigurationException | SAXException e) {
            throw new IOException("unreadable junit report: " + e.getMessage(), e);
        }
    }
}
