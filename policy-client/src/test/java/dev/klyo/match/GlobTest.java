package dev.klyo.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;

class GlobTest {

    @Test
    void pathGlobs() {
        Glob tree = Glob.path("/home/u/.ssh/**");
        assertThat(tree.matches("/home/u/.ssh")).isTrue();
        assertThat(tree.matches("/home/u/.ssh/id_rsa")).isTrue();
        assertThat(tree.matches("/home/u/.ssh/a/b")).isTrue();
        assertThat(tree.matches("/home/u/.sshx")).isFalse();
        assertThat(tree.matches("/home/u/.ss")).isFalse();
        Glob star = Glob.path("/srv/*/logs/*.log");
        assertThat(star.matches("/srv/app/logs/a.log")).isTrue();
        assertThat(star.matches("/srv/app/x/logs/a.log")).isFalse();
        assertThat(star.matches("/srv/app/logs/sub/a.log")).isFalse();
        Glob middle = Glob.path("/a/**/b");
        assertThat(middle.matches("/a/b")).isTrue();
        assertThat(middle.matches("/a/x/y/b")).isTrue();
        assertThat(middle.matches("/a/xb")).isFalse();
        Glob anyDepth = Glob.path("**/.env");
        assertThat(anyDepth.matches("/.env")).isTrue();
        assertThat(anyDepth.matches("/x/y/.env")).isTrue();
        assertThat(anyDepth.matches("/x/y.env")).isFalse();
        assertThat(Glob.path("/x/?.txt").matches("/x/a.txt")).isTrue();
        assertThat(Glob.path("/x/?.txt").matches("/x/ab.txt")).isFalse();
        assertThat(Glob.path("/x/*.{yml,yaml}").matches("/x/a.yaml")).isTrue();
        assertThat(Glob.path("/x/*.{yml,yaml}").matches("/x/a.json")).isFalse();
    }

    @Test
    void nameGlobs() {
        assertThat(Glob.name("get_*").matches("get_issue")).isTrue();
        assertThat(Glob.name("get_*").matches("get_")).isTrue();
        assertThat(Glob.name("get_*").matches("forget_x")).isFalse();
        assertThat(Glob.name("*_repo").matches("delete_repo")).isTrue();
        assertThat(Glob.name("*_repo").matches("delete_repos")).isFalse();
        assertThat(Glob.name("*").matches("a/b")).as("no separator: * crosses '/'").isTrue();
        assertThat(Glob.name("curl").matches("curl")).isTrue();
        assertThat(Glob.name("curl").matches("Curl")).isFalse();
    }

    @Test
    void badGlobsAreRejected() {
        assertThatThrownBy(() -> Glob.path("/x/[ab]")).hasMessageContaining("character classes");
        assertThatThrownBy(() -> Glob.path("/x/{a,b")).hasMessageContaining("unclosed '{'");
        assertThatThrownBy(() -> Glob.path("/x/a}")).hasMessageContaining("unmatched '}'");
        assertThatThrownBy(() -> Glob.name("")).hasMessageContaining("empty pattern");
    }

    /** The shapes the engine meets on every file decision ({@code **}{@code /*.pem}, {@code /docs/*.md}). */
    @Test
    void segmentSuffixShortcutsAgreeWithTheRegularExpression() {
        String[] globs = {"**/*.pem", "**/*", "**/*a", "/docs/*.md", "/docs/*", "d*.md", "/d/x*.md", "**/*/a", "/d/*/a"};
        String[] inputs = {"", "a", ".pem", "x.pem", "/x.pem", "/a/b/x.pem", "/a/b/x.pem/", "/a/.pem", "x.pemx", "a/b",
                "/docs/a.md", "/docs/.md", "/docs/md", "/docs/a/b.md", "/docs/a.md/", "/docsa.md", "/docs/", "dx.md",
                "d/x.md", "/d/x.md", "/d/xy.md", "/d/x/y.md", "/d/q/a", "//a"};
        for (String g : globs) {
            Glob glob = Glob.path(g);
            for (String input : inputs) {
                assertThat(glob.matches(input)).as("%s on '%s'", g, input).isEqualTo(glob.matchesPattern(input));
            }
        }
    }

    /** The string shortcuts must agree with the regular expression on every input. */
    @Test
    void shortcutsAgreeWithTheRegularExpression() {
        String[] pieces = {"a", "b", "/", ".", "*", "**", "?", "_", "x/", "{a,b}"};
        String[] inputPieces = {"a", "b", "/", ".", "_", "x", "ab", "//"};
        Random random = new Random(7);
        for (int i = 0; i < 3000; i++) {
            StringBuilder g = new StringBuilder();
            for (int n = 1 + random.nextInt(5); n > 0; n--) {
                g.append(pieces[random.nextInt(pieces.length)]);
            }
            for (char separator : new char[] {'/', (char) 0}) {
                Glob glob = Glob.compile(g.toString(), separator, false);
                for (int j = 0; j < 30; j++) {
                    StringBuilder in = new StringBuilder();
                    for (int n = random.nextInt(6); n > 0; n--) {
                        in.append(inputPieces[random.nextInt(inputPieces.length)]);
                    }
                    String input = in.toString();
                    assertThat(glob.matches(input)).as("%s (separator %d) on '%s'", g, (int) separator, input)
                            .isEqualTo(glob.matchesPattern(input));
                }
            }
        }
    }
}
