package org.supplysync.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * What a careless or hostile caller sends, as jqwik arbitraries: text of every kind (SQL, script, control and
 * astral characters, very long), JSON values of the wrong type, deep nesting, and bodies that are not JSON at all.
 * Nothing generated names a Java class or an exception: whatever of that kind an answer carries came from the server.
 */
final class HostileInput {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Injection attempts against SQL, JSON paths, HTML and shells: each must be stored and answered as plain text. */
    static final List<String> SQL_AND_SCRIPT = List.of(
            "' OR '1'='1", "'; DROP TABLE sync_record; --", "\"; DELETE FROM site; --", "1; SHUTDOWN; --",
            "' UNION SELECT password_hash, NULL FROM site --", "%' AND SLEEP(5) AND '%'='", "\\'; SELECT 1; --",
            "$.data[*]", "JSON_EXTRACT(data, '$.ID')", "`id`", "0x27", "' /*", "*/ OR 1=1 #",
            "<script>alert(1)</script>", "\"><img src=x onerror=alert(1)>", "javascript:alert(1)", "{{7*7}}", "${7*7}",
            "#{7*7}", "$(reboot)", "`reboot`", "; rm -rf / ;", "../../../../etc/passwd", "%00", "\u0000", "%s%s%s%n",
            "\r\nSet-Cookie: x=y", "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><x>&e;</x>");

    /**
     * A Java class or exception named in a body; the campaign's own text never matches (see {@link #clean}). Names
     * are bounded to 200 characters: an unbounded {@code \w*} before "Exception" tries every start of a run of
     * hundreds of thousands of letters (a huge id echoed in a refusal) to its end, and the check never ends.
     */
    static final java.util.regex.Pattern INTERNALS = java.util.regex.Pattern.compile(
            "\\b(java|javax|jakarta|sun|com\\.sun|fish\\.payara|org\\.(supplysync|eclipse|glassfish|jboss|apache|mariadb"
                    + "|hibernate|flywaydb))\\.[a-z]\\w*|\\w{0,200}Exception\\b|\\b[A-Z]\\w{0,200}Error\\b"
                    + "|\\w{1,200}\\.java:\\d+");

    /** A stack trace line, in a body of any kind. */
    static final java.util.regex.Pattern STACK_TRACE = java.util.regex.Pattern.compile(
            "(^|\\s|\\\\[tn])at [\\w$.]+\\.[\\w$<>]+\\(([\\w$]+\\.java:\\d+|Native Method|Unknown Source)\\)");

    private HostileInput() {
    }

    /** Any text a field may be given. */
    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(3, Arbitraries.strings().alpha().numeric().ofMaxLength(20)),
                Tuple.of(3, sqlOrScript()),
                Tuple.of(2, Arbitraries.strings().all().ofMaxLength(40)),
                Tuple.of(1, Arbitraries.strings().withChars('\u0000', '\u001f', '\u007f', '\u200b', '\u202e', '\ufeff',
                        '\ufffe', '"', '\\', '/').ofMaxLength(12)),
                Tuple.of(1, Arbitraries.of("", " ", "null", "0000-00-00", "undefined", "NaN", "-0", "\uD83D\uDC8A",
                        "\uD800", "\uDFFF")),
                Tuple.of(1, Arbitraries.strings().alpha().ofMinLength(129).ofMaxLength(5_000))
        ).filter(HostileInput::clean);
    }

    static Arbitrary<String> sqlOrScript() {
        return Combinators.combine(Arbitraries.of(SQL_AND_SCRIPT), Arbitraries.strings().alpha().ofMaxLength(6))
                .as((attack, noise) -> noise.isEmpty() ? attack : noise + attack);
    }

    /** A string of 10,000 to 600,000 characters of one or two UTF-8 bytes: under the IT server's 2 MB body limit. */
    static Arbitrary<String> huge() {
        return Combinators.combine(Arbitraries.strings().alpha().numeric().withCharRange('\u00a0', '\u07ff')
                                .ofMinLength(1).ofMaxLength(50).filter(HostileInput::clean),
                        Arbitraries.integers().between(10_000, 600_000))
                .as((chunk, length) -> chunk.repeat(length / chunk.length() + 1).substring(0, length));
    }

    /** A value for a media-type or language header: well-formed, odd, or beyond any parser (ASCII, as headers are). */
    static Arbitrary<String> mediaType() {
        return Arbitraries.oneOf(
                Arbitraries.of("text/", "a/b/c", ";;;", "application/json; boundary=\"", "application/json;;charset",
                        "*/*;q=x", "application/xml", "multipart/form-data", "application/json; charset=ebcdic", "en-",
                        "@@@ x", ";;=;", "", " ", "\t", "application/x-www-form-urlencoded"),
                Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(30));
    }

    /** A JSON value of any type, for a field whose type is wrong whatever it is given. */
    static Arbitrary<JsonNode> anyValue() {
        return Arbitraries.frequencyOf(
                Tuple.of(2, text().map(NODES::textNode)),
                Tuple.of(2, Arbitraries.longs().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.doubles().map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.of(new BigDecimal("1e400"), new BigDecimal("-1e-400"), new BigDecimal("0.5"))
                        .map(NODES::numberNode)),
                Tuple.of(1, Arbitraries.of(NODES.booleanNode(true), NODES.booleanNode(false), NODES.nullNode())),
                Tuple.of(1, Arbitraries.just(NODES.arrayNode())),
                Tuple.of(1, Arbitraries.just(NODES.objectNode())),
                Tuple.of(1, text().list().ofMaxSize(4).map(values -> {
                    ArrayNode array = NODES.arrayNode();
                    values.forEach(array::add);
                    return array;
                })));
    }

    /** Arrays and objects nested {@code 2..depth} levels, with a value inside. */
    static Arbitrary<String> nested(int maxDepth) {
        return Combinators.combine(Arbitraries.integers().between(2, maxDepth), Arbitraries.of(true, false))
                .as((depth, objects) -> objects
                        ? "{\"x\":".repeat(depth) + "1" + "}".repeat(depth)
                        : "[".repeat(depth) + "1" + "]".repeat(depth));
    }

    /** A body that is not well-formed JSON: the valid one broken in one of the ways parsers trip over. */
    static Arbitrary<byte[]> malformed(String valid) {
        Arbitrary<Integer> at = Arbitraries.integers().between(0, Math.max(0, valid.length() - 1));
        return Arbitraries.oneOf(
                at.map(cut -> valid.substring(0, cut)),
                Combinators.combine(at, Arbitraries.strings().withChars("{}[]\",:\\ \u0000'").ofMinLength(1).ofMaxLength(3))
                        .as((where, junk) -> valid.substring(0, where) + junk + valid.substring(where)),
                Arbitraries.of(valid + "}", valid + " trailing", "\ufeff" + valid, valid.replace('"', '\''),
                        valid.replace(":", ": NaN, \"n\":"), valid.replace(":", ": /* note */"), "{\"a\":1,}",
                        "{\"queueLength\": 01}", "{\"data\": [,]}", "{\"a\": \"\u0001\"}", "{\"a\": \"\\u12\"}",
                        "{\"a\": \"\\uD800\"}", "{\"a\" 1}", "{a: 1}", "[]]", "{} {}", "", " ", "null", "\"text\"", "5"),
                text().map(t -> t.isEmpty() ? "x" : t)
        ).map(body -> body.getBytes(StandardCharsets.UTF_8))
                .flatMap(bytes -> Arbitraries.frequencyOf(
                        Tuple.of(4, Arbitraries.just(bytes)),
                        // bytes that are not UTF-8 at all
                        Tuple.of(1, Arbitraries.of((byte) 0xC3, (byte) 0xFF, (byte) 0x80, (byte) 0xED)
                                .map(bad -> withByte(bytes, bad)))));
    }

    /** An object of 1..5 fields whose values are of any type. */
    static Arbitrary<ObjectNode> anyObject(List<String> names) {
        return Combinators.combine(Arbitraries.of(names).set().ofMinSize(1).ofMaxSize(Math.min(5, names.size())),
                        anyValue().list().ofSize(5))
                .as((fields, values) -> {
                    ObjectNode object = NODES.objectNode();
                    int i = 0;
                    for (String field : fields) {
                        object.set(field, values.get(i++));
                    }
                    return object;
                });
    }

    /** Whether the text names nothing the answers are checked for. */
    static boolean clean(String text) {
        return !INTERNALS.matcher(text).find() && !STACK_TRACE.matcher(text).find();
    }

    private static byte[] withByte(byte[] bytes, byte bad) {
        byte[] changed = java.util.Arrays.copyOf(bytes, bytes.length + 1);
        int at = bytes.length / 2;
        System.arraycopy(bytes, at, changed, at + 1, bytes.length - at);
        changed[at] = bad;
        return changed;
    }
}
