package dev.klyo.operator;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HtmlTest {

    @Test
    void markupQuotesAndControlCharactersBecomeText() {
        assertThat(Html.text("<a href=\"x\" onclick='y'>&amp;</a>"))
                .isEqualTo("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
        assertThat(Html.text("a\u0000b\u001b[31m\u202ec")).isEqualTo("a\\x00b\\x1b[31m\\u202ec");
        assertThat(Html.text(null)).isEmpty();
        assertThat(Html.text("plain /path/ok")).isEqualTo("plain /path/ok");
    }
}
