package dev.klyo.match;

import java.util.regex.Pattern;

/**
 * A glob as written in policies. With a separator ({@code '/'} for paths) {@code *} and
 * {@code ?} stay within one segment and {@code **} crosses segments; {@code dir/**} also
 * matches {@code dir} itself. Without a separator {@code *} matches anything. {@code {a,b}}
 * chooses between alternatives. Matching is case-sensitive unless asked otherwise.
 */
public final class Glob {

    /** How {@link #matches} decides: most globs in policies need no regular expression at all. */
    private enum Shape { LITERAL, TREE, PREFIX, SUFFIX, SEGMENT_SUFFIX, REGEX }

    private final String source;
    private final Pattern pattern;
    private final String literalPrefix;
    private final boolean literal;
    private final Shape shape;
    /** The fixed text for the shapes that compare strings: the literal, the tree's root, the prefix or suffix. */
    private final String fixed;
    private final char separator;

    private Glob(String source, Pattern pattern, String literalPrefix, boolean literal, char separator,
                 boolean ignoreCase) {
        this.source = source;
        this.pattern = pattern;
        this.literalPrefix = literalPrefix;
        this.literal = literal;
        this.separator = separator;
        String rest = source.substring(literalPrefix.length());
        if (ignoreCase) {
            shape = Shape.REGEX;
            fixed = null;
        } else if (literal) {
            shape = Shape.LITERAL;
            fixed = source;
        } else if (separator != 0 && rest.equals("**") && literalPrefix.length() > 1
                && literalPrefix.charAt(literalPrefix.length() - 1) == separator) {
            shape = Shape.TREE;
            fixed = literalPrefix.substring(0, literalPrefix.length() - 1);
        } else if (separator == 0 && rest.equals("*")) {
            shape = Shape.PREFIX;
            fixed = literalPrefix;
        } else if (separator == 0 && literalPrefix.isEmpty() && source.length() > 1 && source.charAt(0) == '*'
                && indexOfWildcard(source.substring(1)) < 0) {
            shape = Shape.SUFFIX;
            fixed = source.substring(1);
        } else if (separator != 0 && source.startsWith("**" + separator + "*") && indexOfWildcard(source.substring(4)) < 0
                && source.indexOf(separator, 3) < 0) {
            // "**/*.pem": a suffix without separator can only end the last segment, so endsWith decides.
            shape = Shape.SUFFIX;
            fixed = source.substring(4);
        } else if (separator != 0 && !rest.isEmpty() && rest.charAt(0) == '*'
                && indexOfWildcard(rest.substring(1)) < 0 && rest.indexOf(separator) < 0) {
            // "/docs/*.md": the prefix, then one segment's worth of characters ending in the suffix.
            shape = Shape.SEGMENT_SUFFIX;
            fixed = rest.substring(1);
        } else {
            shape = Shape.REGEX;
            fixed = null;
        }
    }

    private static int indexOfWildcard(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '{' || c == '}' || c == '[' || c == ',') {
                return i;
            }
        }
        return -1;
    }

    /** Compiles a glob; throws {@link IllegalArgumentException} naming the problem. */
    public static Glob compile(String glob, char separator, boolean ignoreCase) {
        if (glob == null || glob.isEmpty()) {
            throw new IllegalArgumentException("empty pattern");
        }
        StringBuilder regex = new StringBuilder();
        int firstWildcard = -1;
        int braceDepth = 0;
        String sep = separator == 0 ? null : Pattern.quote(String.valueOf(separator));
        String notSep = separator == 0 ? "." : "[^" + (separator == '\\' ? "\\\\" : String.valueOf(separator)) + "]";
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' || c == '?' || c == '{' || c == '[') {
                if (firstWildcard < 0) {
                    firstWildcard = i;
                }
            }
            switch (c) {
                case '*' -> {
                    boolean doubleStar = i + 1 < glob.length() && glob.charAt(i + 1) == '*';
                    if (doubleStar && sep != null) {
                        i++;
                        boolean atStart = i == 1 || glob.charAt(i - 2) == separator;
                        boolean followedBySep = i + 1 < glob.length() && glob.charAt(i + 1) == separator;
                        boolean atEnd = i + 1 == glob.length();
                        if (atStart && followedBySep) {
                            regex.append("(?:.*").append(sep).append(")?");
                            i++;
                        } else if (atEnd && i >= 2 && glob.charAt(i - 2) == separator) {
                            // "dir/**" also matches "dir": drop the separator already emitted.
                            regex.setLength(regex.length() - sep.length());
                            regex.append("(?:").append(sep).append(".*)?");
                        } else {
                            regex.append(".*");
                        }
                    } else {
                        if (doubleStar) {
                            i++;
                        }
                        regex.append(notSep).append('*');
                    }
                }
                case '?' -> regex.append(notSep);
                case '{' -> {
                    braceDepth++;
                    regex.append("(?:");
                }
                case '}' -> {
                    if (braceDepth == 0) {
                        throw new IllegalArgumentException("unmatched '}' at position " + (i + 1));
                    }
                    braceDepth--;
                    regex.append(')');
                }
                case ',' -> regex.append(braceDepth > 0 ? "|" : ",");
                case '[' -> throw new IllegalArgumentException(
                        "character classes '[...]' are not supported (position " + (i + 1) + "); use {a,b}");
                default -> regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        if (braceDepth != 0) {
            throw new IllegalArgumentException("unclosed '{'");
        }
        int flags = ignoreCase ? Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE : 0;
        String prefix = firstWildcard < 0 ? glob : glob.substring(0, firstWildcard);
        Pattern compiled = Pattern.compile(regex.toString(), flags | Pattern.DOTALL);
        return new Glob(glob, compiled, prefix, firstWildcard < 0, separator, ignoreCase);
    }

    public static Glob path(String glob) {
        return compile(glob, '/', false);
    }

    public static Glob name(String glob) {
        return compile(glob, (char) 0, false);
    }

    public boolean matches(CharSequence input) {
        String s = input.toString();
        return switch (shape) {
            case LITERAL -> fixed.equals(s);
            case TREE -> s.startsWith(fixed) && (s.length() == fixed.length() || s.charAt(fixed.length()) == separator);
            case PREFIX -> s.startsWith(fixed);
            case SUFFIX -> s.endsWith(fixed);
            case SEGMENT_SUFFIX -> s.length() >= literalPrefix.length() + fixed.length() && s.startsWith(literalPrefix)
                    && s.endsWith(fixed) && s.indexOf(separator, literalPrefix.length()) < 0;
            case REGEX -> matchesPattern(s);
        };
    }

    /** The regular-expression reading of the glob, which every shortcut must agree with. */
    boolean matchesPattern(CharSequence input) {
        return pattern.matcher(input).matches();
    }

    public String source() {
        return source;
    }

    /** The text before the first wildcard; the whole glob when it has none. */
    public String literalPrefix() {
        return literalPrefix;
    }

    /** True when the glob has no wildcard at all. */
    public boolean isLiteral() {
        return literal;
    }

    @Override
    public String toString() {
        return source;
    }
}
