import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { frameParty, partyOf, taskParty } from '../src/party';
import { matchRoute } from '../src/routes';
import { scrubUrl } from '../src/scrub';

const ALLOWED = ['utm_source', 'utm_campaign'];

describe('scrubUrl', () => {
  const cases: [string, string][] = [
    ['https://shop.example.com/product/123?utm_source=mail', 'https://shop.example.com/product/123?utm_source=mail'],
    ['https://shop.example.com/p?email=a%40b.com&utm_source=mail&token=s3cr3t', 'https://shop.example.com/p?utm_source=mail'],
    ['https://shop.example.com/p?email=a%40b.com', 'https://shop.example.com/p'],
    ['https://user:pass@shop.example.com/p', 'https://shop.example.com/p'],
    ['https://shop.example.com/cb#access_token=abc', 'https://shop.example.com/cb'],
    ['https://shop.example.com/p?UTM_SOURCE=x', 'https://shop.example.com/p'],
    ['/relative?id=7&utm_campaign=spring', 'https://shop.example.com/relative?utm_campaign=spring'],
  ];
  for (const [input, expected] of cases)
    test(`${input} -> ${expected}`, () => assert.equal(scrubUrl(input, ALLOWED, 'https://shop.example.com/'), expected));

  test('an unparsable URL becomes empty rather than leaking as is', () => {
    assert.equal(scrubUrl('http://[bad', ALLOWED), '');
  });
});

describe('matchRoute', () => {
  const routes = ['/', '/product/:id', '/product/:id/reviews', '/docs/*', '/search'];
  const cases: [string, string | undefined][] = [
    ['/', '/'],
    ['/product/123', '/product/:id'],
    ['/product/123/', '/product/:id'],
    ['/product/123/reviews', '/product/:id/reviews'],
    ['/product', undefined],
    ['/product/1/2', undefined],
    ['/docs/a/b/c', '/docs/*'],
    ['/docs', '/docs/*'],
    ['/search', '/search'],
    ['/searches', undefined],
    ['/unknown/path', undefined],
  ];
  for (const [path, expected] of cases) test(`${path} -> ${expected}`, () => assert.equal(matchRoute(path, routes), expected));

  test('the first fitting template wins, in the app order', () => {
    assert.equal(matchRoute('/product/new', ['/product/new', '/product/:id']), '/product/new');
    assert.equal(matchRoute('/product/new', ['/product/:id', '/product/new']), '/product/:id');
  });
});

describe('party', () => {
  const first = ['https://shop.example.com', 'https://cdn.shop.example'];
  const cases: [string, string][] = [
    ['https://shop.example.com/app.js', 'first'],
    ['/relative.js', 'first'],
    ['https://cdn.shop.example/lib.js', 'first'],
    ['https://cdn.example.net/lib.js', 'third'],
    ['http://shop.example.com/app.js', 'third'],
    ['https://shop.example.com:8443/app.js', 'third'],
  ];
  for (const [url, party] of cases) test(`${url} is ${party} party`, () => assert.equal(partyOf(url, first), party));

  test('a long animation frame takes the party of its longest script', () => {
    const scripts = [
      { duration: 20, sourceURL: 'https://shop.example.com/app.js' },
      { duration: 70, sourceURL: 'https://ads.example.net/tag.js' },
    ];
    assert.equal(frameParty(scripts, first), 'third');
    assert.equal(frameParty(scripts.slice(0, 1), first), 'first');
    assert.equal(frameParty([], first), 'first', 'no script: the page rendering');
  });

  test('a plain long task is third party only when cross-origin', () => {
    assert.equal(taskParty('cross-origin-descendant'), 'third');
    assert.equal(taskParty('self'), 'first');
    assert.equal(taskParty('unknown'), 'first');
  });
});
