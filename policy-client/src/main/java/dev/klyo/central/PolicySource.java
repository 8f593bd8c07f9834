package dev.klyo.central;

import java.io.IOException;
import java.util.Optional;

/**
 * Where policies come from: a bundle URL, a local file. A {@link PolicyUpdater} polls it and
 * applies what it returns; a source never applies anything itself. Called from one thread at a time.
 */
public interface PolicySource {

    /** The last good policy kept from an earlier run (to start from while the source is unreachable); empty if none. */
    Optional<PolicySet> lastGood();

    /**
     * The new policy set if it changed since the last successful poll, empty if it did not.
     *
     * @throws IOException     the source is unreachable or answered with an error; nothing is known
     * @throws BundleException the source answered with something that must not be applied
     */
    Optional<PolicySet> poll() throws IOException, BundleException;

    /** Where this source reads from, for logs and audit events. */
    String location();
}
