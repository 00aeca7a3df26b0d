package io.wschat.dynamodb.internal.value;

import io.wschat.dynamodb.internal.ApiException;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * DynamoDB's number rules: at most 38 significant digits, magnitudes from 1E-130 to below 1E+126 (positive or
 * negative, or zero), and values returned normalised ("01.500" comes back as "1.5").
 */
public final class Numbers {

    /** The most significant digits a number may have. */
    public static final int MAX_PRECISION = 38;

    private static final MathContext EXACT = new MathContext(MAX_PRECISION + 1);
    private static final BigDecimal LARGEST_EXCLUSIVE = new BigDecimal("1E+126");
    private static final BigDecimal SMALLEST = new BigDecimal("1E-130");

    private Numbers() {
    }

    /**
     * Parses a number as DynamoDB does, with its messages for each way the text can be wrong.
     *
     * @throws ApiException a ValidationException
     */
    public static BigDecimal parse(String text) {
        BigDecimal number;
        try {
            String trimmed = text.trim();
            if (trimmed.isEmpty() || trimmed.endsWith(".") && trimmed.length() == 1
                    || trimmed.chars().anyMatch(c -> c != '-' && c != '+' && c != '.' && c != 'e' && c != 'E'
                    && (c < '0' || c > '9'))) {
                throw new NumberFormatException(text);
            }
            number = new BigDecimal(trimmed);
        } catch (NumberFormatException e) {
            throw ApiException.validation("The parameter cannot be converted to a numeric value: " + text);
        }
        return check(number);
    }

    /** Normalises a computed number and checks it against DynamoDB's limits. */
    public static BigDecimal normalise(BigDecimal number) {
        return check(number);
    }

    private static BigDecimal check(BigDecimal number) {
        if (number.signum() == 0) {
            return BigDecimal.ZERO;
        }
        BigDecimal stripped = number.stripTrailingZeros();
        if (stripped.precision() > MAX_PRECISION) {
            throw ApiException.validation("Attempting to store more than 38 significant digits in a Number");
        }
        BigDecimal magnitude = stripped.abs();
        if (magnitude.compareTo(LARGEST_EXCLUSIVE) >= 0) {
            throw ApiException.validation(
                    "Number overflow. Attempting to store a number with magnitude larger than supported range");
        }
        if (magnitude.compareTo(SMALLEST) < 0) {
            throw ApiException.validation(
                    "Number underflow. Attempting to store a number with magnitude smaller than supported range");
        }
        return stripped;
    }

    /** Exact sum of two numbers, checked against the limits. */
    public static BigDecimal add(BigDecimal a, BigDecimal b) {
        return check(a.add(b, EXACT));
    }

    /** Exact difference of two numbers, checked against the limits. */
    public static BigDecimal subtract(BigDecimal a, BigDecimal b) {
        return check(a.subtract(b, EXACT));
    }

    /** The text DynamoDB returns: plain notation without trailing zeros. */
    public static String format(BigDecimal number) {
        return number.signum() == 0 ? "0" : number.toPlainString();
    }
}
