package dev.klyo.javaagent;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for start-up work done on another thread; an interrupt is kept for the caller, never lost or obeyed. */
final class Uninterruptibly {

    private Uninterruptibly() {
    }

    static <T> T get(Future<T> future) throws ExecutionException {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
