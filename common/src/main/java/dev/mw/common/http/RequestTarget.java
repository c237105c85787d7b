package dev.mw.common.http;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A request target as the HTTP server read it, made into the URI the router and the resources
 * decode.
 *
 * <p>Clients such as curl send a name typed as is ({@code ?name=Émile}) as raw UTF-8 bytes; the
 * HTTP server hands each byte over as one char 0x80..0xFF. Those bytes are percent-encoded, so
 * that {@code ?name=Émile} sent raw is decoded as {@code ?name=%C3%89mile} is. Whether raw or
 * escaped, the bytes must form UTF-8: anything else, a malformed escape ({@code %zz}) or a
 * character a URI may not hold is a {@link URISyntaxException} whose index points into the
 * target as received.
 */
public final class RequestTarget {

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private RequestTarget() {
    }

    /** @return the target with every raw byte 0x80..0xFF percent-encoded; {@code target} itself when it has none */
    public static String normalize(String target) throws URISyntaxException {
        int length = target.length();
        byte[] bytes = new byte[length]; // the target's bytes, escapes decoded
        int[] origin = new int[length];  // where each of them starts in the target
        int count = 0;
        boolean raw = false;
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            origin[count] = i;
            if (c == '%') {
                if (i + 2 >= length || Character.digit(target.charAt(i + 1), 16) < 0
                        || Character.digit(target.charAt(i + 2), 16) < 0) {
                    throw new URISyntaxException(target, "Malformed escape pair", i);
                }
                bytes[count++] = (byte) Integer.parseInt(target, i + 1, i + 3, 16);
                i += 2;
            } else if (c > 0xFF) {
                throw new URISyntaxException(target, "Illegal character", i);
            } else {
                raw |= c >= 0x80;
                bytes[count++] = (byte) c;
            }
        }
        checkUtf8(target, bytes, count, origin);
        if (!raw) {
            new URI(target);
            return target;
        }
        StringBuilder encoded = new StringBuilder(length + 16);
        int[] back = new int[length * 3]; // index in the encoded target -> index in the target
        for (int i = 0; i < length; i++) {
            char c = target.charAt(i);
            int at = encoded.length();
            if (c >= 0x80) {
                encoded.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
                back[at + 1] = i;
                back[at + 2] = i;
            } else {
                encoded.append(c);
            }
            back[at] = i;
        }
        String result = encoded.toString();
        try {
            new URI(result);
        } catch (URISyntaxException e) {
            throw new URISyntaxException(target, e.getReason(), e.getIndex() < 0 ? -1 : back[e.getIndex()]);
        }
        return result;
    }

    /** The bytes, escapes decoded, must be UTF-8: the index of the first that is not is the error's. */
    private static void checkUtf8(String target, byte[] bytes, int count, int[] origin) throws URISyntaxException {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes, 0, count);
        if (decoder.decode(in, CharBuffer.allocate(count), true).isError()) {
            throw new URISyntaxException(target, "Malformed UTF-8", origin[in.position()]);
        }
    }
}
