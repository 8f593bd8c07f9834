package dev.klyo.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy that could not be loaded; carries every error found, not just the first. */
public class PolicyException extends Exception {

    private final List<PolicyError> errors;

    public PolicyException(List<PolicyError> errors) {
        super(errors.stream().map(PolicyError::toString).collect(Collectors.joining("\n")));
        this.errors = List.copyOf(errors);
    }

    public List<PolicyError> errors() {
        return errors;
    }
}
