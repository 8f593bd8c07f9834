package dev.klyo.redact;

import java.util.Arrays;

/**
 * Ranges of a text worth running a detector's expression on, kept merged so that no character
 * is searched twice: the total work stays linear in the text however many candidates there are.
 * Ranges must be added in order of their start.
 */
final class Windows {

    private final int limit;
    private int[] bounds = new int[16];
    private int count;

    Windows(int textLength) {
        this.limit = textLength;
    }

    void add(int start, int end) {
        start = Math.max(0, start);
        end = Math.min(limit, end);
        if (end <= start) {
            return;
        }
        if (count > 0 && start <= bounds[count - 1]) {
            bounds[count - 1] = Math.max(bounds[count - 1], end);
            return;
        }
        if (count + 2 > bounds.length) {
            bounds = Arrays.copyOf(bounds, bounds.length * 2);
        }
        bounds[count++] = start;
        bounds[count++] = end;
    }

    int size() {
        return count / 2;
    }

    int start(int i) {
        return bounds[2 * i];
    }

    int end(int i) {
        return bounds[2 * i + 1];
    }
}
