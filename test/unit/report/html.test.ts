import { describe, expect, it } from 'vitest';
import { escapeHtml, html, jsonScript, layout } from '../../../src/http/report/html.ts';

describe('report HTML', () => {
  it('escapes every interpolated value, including inside attributes', () => {
    const hostile = `"><script>alert('x')</script><img src=x onerror=alert(1)>\``;
    const out = html`<p title="${hostile}">${hostile}</p>`.value;
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('<img');
    expect(out).toBe(`<p title="${escapeHtml(hostile)}">${escapeHtml(hostile)}</p>`);
    expect(escapeHtml(`&<>"'\``)).toBe('&amp;&lt;&gt;&quot;&#39;&#96;');
  });

  it('nests safe fragments and arrays without escaping them twice', () => {
    const items = ['a<b', 'c&d'].map((item) => html`<li>${item}</li>`);
    expect(html`<ul>${items}</ul>`.value).toBe('<ul><li>a&lt;b</li><li>c&amp;d</li></ul>');
    expect(html`${null}${undefined}${false}${0}`.value).toBe('0');
  });

  it('embeds data as JSON a closing script tag cannot escape from', () => {
    const block = jsonScript('data', { output: '</script><script>alert(1)</script>', line: '\u2028' }).value;
    expect(block.match(/<\/script>/g)).toHaveLength(1);
    const json = block.slice(block.indexOf('>') + 1, block.lastIndexOf('</script>'));
    expect(JSON.parse(json)).toEqual({ output: '</script><script>alert(1)</script>', line: '\u2028' });
  });

  it('builds pages that load scripts from files only', () => {
    const page = layout({ title: '<T>', body: html`<main></main>`, scripts: ['/static/report.js'] });
    expect(page).toContain('<title>&lt;T&gt;</title>');
    expect(page).toContain('<script src="/static/report.js" defer></script>');
    expect(page.match(/<script/g)).toHaveLength(1);
  });
});
