package org.openkps.server.http;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The flat KPS error body, written by the exception handler and by the filters alike. */
record ErrorBody(@JsonProperty("error_code") String errorCode, @JsonProperty("error_msg") String errorMsg) {

    static ErrorBody of(ErrorAnswer error, String message) {
        return new ErrorBody(error.code(), message);
    }
}
