package dev.mw.common.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RequestTargetTest {

    /** The target as the HTTP server hands it over: one char per byte received. */
    private static String received(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }

    private static String received(String typed) {
        return received(typed.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void rawUtf8IsPercentEncoded() throws Exception {
        assertEquals("/api/records?name=%C3%89mile", RequestTarget.normalize(received("/api/records?name=Émile")));
        assertEquals("/api/records?location=S%C3%A3o%20Paulo&year=1999",
                RequestTarget.normalize(received("/api/records?location=São%20Paulo&year=1999")));
        assertEquals("/api/records?name=%F0%9F%98%80", RequestTarget.normalize(received("/api/records?name=😀")));
    }

    @Test
    void anAsciiTargetIsReturnedAsIs() throws Exception {
        String target = "/api/records?name=%C3%89mile&location=New%20York+City";
        assertSame(target, RequestTarget.normalize(target));
    }

    @Test
    void malformedUtf8IsRejectedWhereItStarts() {
        URISyntaxException lone = assertThrows(URISyntaxException.class,
                () -> RequestTarget.normalize(received(new byte[] {'/', '?', 'n', '=', (byte) 0xC3})));
        assertEquals("Malformed UTF-8", lone.getReason());
        assertEquals(4, lone.getIndex());

        URISyntaxException ff = assertThrows(URISyntaxException.class,
                () -> RequestTarget.normalize(received(new byte[] {'/', '?', 'n', '=', 'a', (byte) 0xFF, 'b'})));
        assertEquals("Malformed UTF-8", ff.getReason());
        assertEquals(5, ff.getIndex());

        // a lead byte followed by ASCII, an overlong '/', an encoded surrogate
        for (byte[] bad : new byte[][] {{(byte) 0xC3, 'x'}, {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}}) {
            byte[] target = new byte[bad.length + 4];
            System.arraycopy(new byte[] {'/', '?', 'n', '='}, 0, target, 0, 4);
            System.arraycopy(bad, 0, target, 4, bad.length);
            assertEquals("Malformed UTF-8",
                    assertThrows(URISyntaxException.class, () -> RequestTarget.normalize(received(target))).getReason());
        }
    }

    @Test
    void escapedBytesMustBeUtf8Too() {
        URISyntaxException e = assertThrows(URISyntaxException.class, () -> RequestTarget.normalize("/api/records?name=a%C3"));
        assertEquals("Malformed UTF-8", e.getReason());
        assertEquals(19, e.getIndex());
        assertThrows(URISyntaxException.class, () -> RequestTarget.normalize("/api/records?name=%FF"));
    }

    @Test
    void malformedEscapesAndIllegalCharactersKeepTheirReasons() {
        URISyntaxException zz = assertThrows(URISyntaxException.class, () -> RequestTarget.normalize("/api/records?name=%zz"));
        assertEquals("Malformed escape pair", zz.getReason());
        assertEquals(18, zz.getIndex());
        assertEquals("Malformed escape pair",
                assertThrows(URISyntaxException.class, () -> RequestTarget.normalize("/api/records?name=%4")).getReason());

        // after raw UTF-8, the index still points into the target as received
        String target = received("/api/records?name=Émile\"");
        URISyntaxException quote = assertThrows(URISyntaxException.class, () -> RequestTarget.normalize(target));
        assertEquals("Illegal character in query", quote.getReason());
        assertEquals(target.indexOf('"'), quote.getIndex());

        assertEquals("Illegal character in query",
                assertThrows(URISyntaxException.class, () -> RequestTarget.normalize("/api/records?name=a b")).getReason());
        assertEquals("Illegal character",
                assertThrows(URISyntaxException.class, () -> RequestTarget.normalize("/api/records?name=\u0100")).getReason());
    }
}
