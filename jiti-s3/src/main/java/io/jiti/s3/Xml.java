package io.jiti.s3;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** S3's XML: a small writer for responses and a parser for request bodies (no DTDs, no entities). */
final class Xml {
    static final String NS = "http://s3.amazonaws.com/doc/2006-03-01/";
    private final StringBuilder out = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");

    private Xml() {
    }

    /** A document whose root element is {@code root} in S3's namespace. */
    static Xml document(String root) {
        Xml x = new Xml();
        x.out.append('<').append(root).append(" xmlns=\"").append(NS).append("\">");
        return x;
    }

    /** A document whose root element is {@code root} without namespace (S3's error documents). */
    static Xml bare(String root) {
        Xml x = new Xml();
        x.out.append('<').append(root).append('>');
        return x;
    }

    Xml open(String name) {
        out.append('<').append(name).append('>');
        return this;
    }

    Xml close(String name) {
        out.append("</").append(name).append('>');
        return this;
    }

    /** An element with text (skipped when {@code value} is null). */
    Xml el(String name, Object value) {
        if (value != null) {
            out.append('<').append(name).append('>').append(escape(value.toString())).append("</").append(name)
                    .append('>');
        }
        return this;
    }

    /** Text of the element open last. */
    Xml text(String value) {
        out.append(escape(value));
        return this;
    }

    /** The document, its root closed. */
    String end(String root) {
        return close(root).out.toString();
    }

    static String escape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&apos;");
                case '\r' -> b.append("&#13;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** Parses a request body; S3's MalformedXML when it is not XML. */
    static Element parse(byte[] body) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setExpandEntityReferences(false);
            f.setNamespaceAware(true);
            Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(body));
            return d.getDocumentElement();
        } catch (Exception e) {
            throw S3Error.malformedXml(e.getMessage() == null ? "not XML" : e.getMessage());
        }
    }

    /** The child elements of {@code parent} with local name {@code name}. */
    static List<Element> children(Element parent, String name) {
        List<Element> out = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && name.equals(e.getLocalName())) {
                out.add(e);
            }
        }
        return out;
    }

    /** The text of the first child named {@code name}, or null. */
    static String text(Element parent, String name) {
        List<Element> c = children(parent, name);
        return c.isEmpty() ? null : c.get(0).getTextContent().trim();
    }
}
