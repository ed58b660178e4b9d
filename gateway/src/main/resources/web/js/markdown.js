/*
 * Tau's small Markdown renderer (no library, no build step).
 *
 * Every piece of text is HTML-escaped before any markup is added, so model output can never
 * inject tags or attributes: the only elements that come out are the ones this file writes.
 * Supported: headings, bullet and numbered lists (nested by indentation), block quotes, rules,
 * fenced code blocks (also unterminated ones, so a block renders while it streams), paragraphs,
 * inline code, bold, italics, and links to http(s), mailto and same-site paths.
 */
(function (global) {
  'use strict';

  const Tau = (global.Tau = global.Tau || {});

  function escapeHtml(text) {
    return String(text)
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&#39;');
  }

  // Checked on the escaped URL; anything else (javascript:, data:, //host) stays plain text.
  const SAFE_URL = /^(https?:\/\/|mailto:|\/(?!\/)|#)/i;
  const FENCE = /^ {0,3}(`{3,}|~{3,})[ \t]*([\w+#.-]*)/;
  const HEADING = /^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
  const RULE = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/;
  const QUOTE = /^ {0,3}>/;
  const ITEM = /^([ \t]*)([-*+]|\d{1,9}[.)])[ \t]+(.*)$/;

  function link(url, label) {
    return (
      '<a href="' + url + '" target="_blank" rel="noopener noreferrer">' + label + '</a>'
    );
  }

  /** Inline markup on one line of raw text. */
  function inline(raw) {
    const slots = [];
    const keep = (html) => '\u0000' + (slots.push(html) - 1) + '\u0000';
    let s = escapeHtml(raw);
    s = s.replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (m, ticks, code) =>
      keep('<code>' + code.trim() + '</code>'));
    s = s.replace(/\[([^\]\n]+)\]\(([^)\s]+)\)/g, (m, label, url) =>
      SAFE_URL.test(url) ? keep(link(url, emphasis(label))) : m);
    s = s.replace(/\bhttps?:\/\/[^\s\u0000]+/g, (m) => {
      const url = m.replace(/[.,;:!?)\]]+$/, '');
      return keep(link(url, url)) + m.slice(url.length);
    });
    s = emphasis(s);
    return s.replace(/\u0000(\d+)\u0000/g, (m, n) => slots[Number(n)]);
  }

  function emphasis(s) {
    return s
      .replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<strong>$1</strong>')
      .replace(/(^|[^\w])__(?=\S)([\s\S]*?\S)__(?!\w)/g, '$1<strong>$2</strong>')
      .replace(/\*(?=[^\s*])([^*]*?[^\s*])\*/g, '<em>$1</em>')
      .replace(/\*(?=[^\s*])([^*])\*/g, '<em>$1</em>')
      .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_]|[^\s_])_(?!\w)/g, '$1<em>$2</em>');
  }

  function indentOf(line) {
    const m = /^[ \t]*/.exec(line)[0];
    return m.replace(/\t/g, '    ').length;
  }

  function startsBlock(line) {
    return FENCE.test(line) || HEADING.test(line) || RULE.test(line) || QUOTE.test(line) ||
      ITEM.test(line);
  }

  function renderList(lines, start) {
    const first = ITEM.exec(lines[start]);
    const base = indentOf(lines[start]);
    const ordered = /\d/.test(first[2]);
    const items = [];
    let i = start;
    while (i < lines.length) {
      const line = lines[i];
      const m = ITEM.exec(line);
      if (m && indentOf(line) === base && /\d/.test(m[2]) === ordered) {
        items.push({ head: m[3], rest: [] });
        i++;
        continue;
      }
      const blank = /^\s*$/.test(line);
      const next = lines[i + 1];
      if (!blank && indentOf(line) > base && items.length) {
        items[items.length - 1].rest.push(line);
        i++;
      } else if (blank && next !== undefined && indentOf(next) > base && !/^\s*$/.test(next)) {
        items[items.length - 1].rest.push('');
        i++;
      } else {
        break;
      }
    }
    let html = ordered
      ? '<ol' + (parseInt(first[2], 10) !== 1 ? ' start="' + parseInt(first[2], 10) + '"' : '') +
        '>'
      : '<ul>';
    for (const item of items) {
      html += '<li>' + inline(item.head);
      if (item.rest.length) {
        const cut = Math.min(...item.rest.filter((l) => l.trim()).map(indentOf));
        html += render(item.rest.map((l) => l.replace(/\t/g, '    ').slice(cut)).join('\n'));
      }
      html += '</li>';
    }
    html += ordered ? '</ol>' : '</ul>';
    return { html, next: i };
  }

  /** Renders Markdown source to safe HTML. */
  function render(source) {
    const lines = String(source == null ? '' : source)
      .replace(/\r\n?/g, '\n')
      .replace(/\u0000/g, '')
      .split('\n');
    const out = [];
    let i = 0;
    while (i < lines.length) {
      const line = lines[i];
      const fence = FENCE.exec(line);
      if (fence) {
        const close = new RegExp('^ {0,3}' + fence[1][0] + '{' + fence[1].length + ',}[ \\t]*$');
        const body = [];
        i++;
        while (i < lines.length && !close.test(lines[i])) {
          body.push(lines[i]);
          i++;
        }
        i++;
        const lang = fence[2] ? ' class="language-' + escapeHtml(fence[2]) + '"' : '';
        out.push('<pre><code' + lang + '>' + escapeHtml(body.join('\n')) + '</code></pre>');
        continue;
      }
      if (/^\s*$/.test(line)) {
        i++;
        continue;
      }
      const heading = HEADING.exec(line);
      if (heading) {
        const n = heading[1].length;
        out.push('<h' + n + '>' + inline(heading[2]) + '</h' + n + '>');
        i++;
        continue;
      }
      if (RULE.test(line)) {
        out.push('<hr>');
        i++;
        continue;
      }
      if (QUOTE.test(line)) {
        const quoted = [];
        while (i < lines.length && QUOTE.test(lines[i])) {
          quoted.push(lines[i].replace(/^ {0,3}> ?/, ''));
          i++;
        }
        out.push('<blockquote>' + render(quoted.join('\n')) + '</blockquote>');
        continue;
      }
      if (ITEM.test(line)) {
        const list = renderList(lines, i);
        out.push(list.html);
        i = list.next;
        continue;
      }
      const para = [];
      while (i < lines.length && !/^\s*$/.test(lines[i]) && (para.length === 0 ||
          !startsBlock(lines[i]))) {
        para.push(inline(lines[i].trim()));
        i++;
      }
      out.push('<p>' + para.join('<br>') + '</p>');
    }
    return out.join('');
  }

  Tau.markdown = { render, escapeHtml };
})(window);
