package dev.klyo.server;

import dev.klyo.central.BundleKeys;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code klyo keygen <base>}: a new Ed25519 key pair for signing bundles. */
@Command(name = "keygen", mixinStandardHelpOptions = true,
        description = "Generate an Ed25519 key pair: <base>.key (private, owner-only) and <base>.pub.")
public final class KeygenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "BASE", description = "Path without extension, e.g. keys/org")
    Path base;

    @Override
    public Integer call() throws Exception {
        KeyPair pair = BundleKeys.generate();
        Path dir = base.toAbsolutePath().getParent();
        java.nio.file.Files.createDirectories(dir);
        Path priv = dir.resolve(base.getFileName() + ".key");
        Path pub = dir.resolve(base.getFileName() + ".pub");
        BundleKeys.write(pair, priv, pub);
        spec.commandLine().getOut().println("wrote " + priv + " and " + pub + " (key id " + BundleKeys.keyId(pair.getPublic()) + ")");
        spec.commandLine().getOut().println("agent setting: publicKey=" + BundleKeys.base64(pair.getPublic()));
        return 0;
    }
}
