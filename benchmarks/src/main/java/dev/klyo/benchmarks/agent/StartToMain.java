package dev.klyo.benchmarks.agent;

/** The program {@code AgentWorkload.jvmStartToMain} launches: reaching main is all it does. */
public final class StartToMain {

    /** The byte main writes; the launcher stops its clock when it arrives. */
    static final int SIGNAL = 'm';

    private StartToMain() {
    }

    public static void main(String[] args) {
        System.out.write(SIGNAL);
        System.out.flush();
    }
}
