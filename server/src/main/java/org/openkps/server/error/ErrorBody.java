package org.openkps.server.error;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The flat KPS error body, written by the exception handler and by the filters alike. */
public record ErrorBody(@JsonProperty("error_code") String errorCode, @JsonProperty("error_msg") String errorMsg) {

    public static ErrorBody of(KpsError error, String message) {
        return new ErrorBody(error.code(), message);
    }
}
