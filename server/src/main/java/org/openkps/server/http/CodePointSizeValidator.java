package org.openkps.server.http;

import java.util.Collection;

import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.constraints.Size;

/**
 * {@code @Size} as the contract means it. JSON Schema's minLength/maxLength count characters
 * (code points); the default validator counts UTF-16 units, which would refuse 128 emoji as
 * longer than 255. Registered by {@link HttpConfiguration} in place of the default validators.
 */
public final class CodePointSizeValidator {

    private CodePointSizeValidator() {
    }

    abstract static class Base<T> implements ConstraintValidator<Size, T> {
        private int min;
        private int max;

        @Override
        public void initialize(Size size) {
            this.min = size.min();
            this.max = size.max();
        }

        @Override
        public boolean isValid(T value, ConstraintValidatorContext context) {
            if (value == null) {
                return true;
            }
            int length = length(value);
            return length >= min && length <= max;
        }

        abstract int length(T value);
    }

    /** Strings: characters, not UTF-16 units. */
    public static final class ForCharSequence extends Base<CharSequence> {
        @Override
        int length(CharSequence value) {
            return Character.codePointCount(value, 0, value.length());
        }
    }

    /** Arrays in the contract (batch bodies) are lists. */
    public static final class ForCollection extends Base<Collection<?>> {
        @Override
        int length(Collection<?> value) {
            return value.size();
        }
    }
}
