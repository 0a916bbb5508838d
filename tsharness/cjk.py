"""Which characters are Chinese, once: for the generated sentences, the glossary checks, the site
build's line join and its test."""
import re

# Ideographs: where a Chinese word meets a Latin one, the sentences put a space.
HAN = "\u3400-\u9fff\uf900-\ufaff"
# Chinese punctuation: CJK symbols (。、「」《》), fullwidth forms (，：；！？（）), and the quotes and
# dashes Chinese text uses (“”‘’ —— ……).
PUNCT = "\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef\u201c\u201d\u2018\u2019\u2014\u2026"
# Chinese text: punctuation and characters (ideographs, radicals, kana, bopomofo).
CJK = PUNCT + "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u3200-\u9fff\uf900-\ufaff"

GAP, ATOM = "\x00", "\x01"   # where a text ends (a block, <br>); inline code or an image within it
# A line break inside a Chinese sentence: between two Chinese characters, or beside Chinese
# punctuation whatever is on the other side. A break between a Chinese character and a Latin word is
# not one: there a space is wanted.
_WHITE = r"[ \t]*\n\s*"
LINE_BREAK = re.compile(rf"(?<=[{CJK}]){_WHITE}(?=[{CJK}])|(?<=[{PUNCT}]){_WHITE}(?=[^\s{GAP}])"
                        rf"|(?<=[^\s{GAP}]){_WHITE}(?=[{PUNCT}])")
