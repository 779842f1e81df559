package org.openkps.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.openkps.server.keypair.KpsException;
import org.openkps.server.keypair.UntrustedText;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * What the contract says of every request that Spring MVC would otherwise let through, checked after
 * authentication and before the generated controller reads anything, so a refused request changes
 * nothing: the path carries no {@code ;} parameters (Spring would strip them from a key-pair name); the
 * query string is well-formed percent-encoded UTF-8 with named parameters; integers are decimal; and {@code Accept} admits
 * what the operation answers (a media range with {@code q=0} refuses, as RFC 9110 says).
 */
class StrictRequestRules implements HandlerInterceptor {

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,10}");

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws HttpMediaTypeNotAcceptableException {
        if (!(handler instanceof HandlerMethod operation)) {
            return true;
        }
        String path = request.getRequestURI();
        if (path.indexOf(';') >= 0) {
            throw KpsException.invalid("the path must not carry ';' parameters: " + UntrustedText.quote(path));
        }
        checkQuery(request.getQueryString());
        checkIntegers(request, operation);
        checkAcceptable(request, operation);
        return true;
    }

    private static void checkQuery(String query) {
        if (query == null) {
            return;
        }
        for (String pair : query.split("&", -1)) {
            if (pair.isEmpty()) {
                continue;
            }
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.isEmpty() || !isPercentEncodedUtf8(pair)) {
                throw KpsException.invalid("the query string is not valid: " + UntrustedText.quote(pair)
                        + " is not a name=value pair in percent-encoded UTF-8");
            }
        }
    }

    // Spring would read "0x10", "+10" and other scripts' digits as numbers; the contract's integers are decimal.
    private static void checkIntegers(HttpServletRequest request, HandlerMethod operation) {
        for (MethodParameter parameter : operation.getMethodParameters()) {
            RequestParam param = parameter.getParameterAnnotation(RequestParam.class);
            Class<?> type = parameter.getParameterType();
            if (param == null || !(type == Integer.class || type == int.class || type == Long.class)) {
                continue;
            }
            String name = param.value().isEmpty() ? param.name() : param.value();
            for (String value : request.getParameterValues(name) == null ? new String[0] : request.getParameterValues(name)) {
                if (!DECIMAL.matcher(value).matches()) {
                    throw KpsException.invalid(name + ": " + UntrustedText.quote(value) + " is not a decimal integer");
                }
            }
        }
    }

    private static boolean isPercentEncodedUtf8(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%') {
                if (i + 2 >= text.length()) {
                    return false;
                }
                int high = Character.digit(text.charAt(i + 1), 16);
                int low = Character.digit(text.charAt(i + 2), 16);
                if (high < 0 || low < 0) {
                    return false;
                }
                bytes.write(high << 4 | low);
                i += 2;
            } else if (c > 0x7e || c <= 0x20) {
                return false;
            } else {
                bytes.write(c);
            }
        }
        try {
            StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray()));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static void checkAcceptable(HttpServletRequest request, HandlerMethod operation)
            throws HttpMediaTypeNotAcceptableException {
        RequestMapping mapping = operation.getMethodAnnotation(RequestMapping.class);
        List<String> accept = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
        if (mapping == null || mapping.produces().length == 0 || accept.isEmpty()) {
            return;
        }
        List<MediaType> ranges;
        try {
            ranges = MediaType.parseMediaTypes(accept);
        } catch (InvalidMediaTypeException e) {
            throw new HttpMediaTypeNotAcceptableException("the Accept header cannot be read");
        }
        List<MediaType> produced = MediaType.parseMediaTypes(List.of(mapping.produces()));
        if (produced.stream().noneMatch(type -> acceptable(type, ranges))) {
            throw new HttpMediaTypeNotAcceptableException(produced);
        }
    }

    // The most specific range that includes the type decides; q=0 means "not this".
    private static boolean acceptable(MediaType type, List<MediaType> ranges) {
        MediaType decisive = null;
        for (MediaType range : ranges) {
            if (range.includes(type) && (decisive == null || specificity(range) > specificity(decisive))) {
                decisive = range;
            }
        }
        return decisive != null && decisive.getQualityValue() > 0;
    }

    private static int specificity(MediaType range) {
        return (range.isWildcardType() ? 0 : 2) + (range.isWildcardSubtype() ? 0 : 1);
    }
}
