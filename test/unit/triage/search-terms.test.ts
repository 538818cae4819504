import { describe, expect, it } from 'vitest';
import { analyze, stem, surfaceWords } from '../../../src/domain/triage/search-terms.js';

describe('analyze', () => {
  it('lowercases and folds accents, so Müller and muller are the same term', () => {
    expect(analyze('Müller')).toEqual(analyze('muller'));
    expect(analyze('CAFÉ Zoë')).toEqual(['cafe', 'zoe']);
  });

  it('keeps error codes and identifiers whole, and also indexes their word parts', () => {
    expect(analyze('Error ERR_401 from SAML')).toEqual(['error', 'err_401', 'err', 'saml']);
    expect(analyze('invalid_grant')).toEqual(['invalid_grant', 'invalid', 'grant']);
    expect(analyze('AADSTS50020')).toEqual(['aadsts50020']);
    expect(analyze('version 5.2.1 on ios-17')).toEqual(['version', '5.2.1', 'ios-17', 'ios']);
  });

  it('splits on punctuation and drops stop words, greetings and short numbers', () => {
    expect(analyze('Hi team, thanks!! The export (CSV) is broken: 3 rows; 404.')).toEqual(['export', 'csv', 'broken', 'row', '404']);
  });

  it('reads the common spellings of the same thing as one term', () => {
    expect(analyze('single sign-on')).toEqual(['sso']);
    expect(analyze('SSO')).toEqual(['sso']);
    expect(analyze('two-factor')).toEqual(analyze('MFA'));
    expect(analyze('2-step verification')).toEqual(['2fa', 'verification']);
    expect(analyze('log in')).toEqual(analyze('sign-in'));
    expect(analyze('logged out')).toEqual(analyze('kicked me out'));
    expect(analyze('e-mail')).toEqual(['email']);
    expect(analyze('Office 365')).toEqual(analyze('O365'));
    expect(analyze('too many requests')).toEqual(analyze('rate limited'));
  });

  it('adds the platform a device implies', () => {
    expect(analyze('iPhone')).toEqual(['iphone', 'ios']);
  });

  it('drops the possessive and joins contractions', () => {
    expect(analyze("customer's invoice")).toEqual(['customer', 'invoic']);
  });

  it('returns nothing for text without words', () => {
    expect(analyze('')).toEqual([]);
    expect(analyze(' ,.; !! ')).toEqual([]);
  });
});

describe('stem', () => {
  it('brings plurals and -ed/-ing forms of a word together', () => {
    const forms = ['invoice', 'invoices', 'invoiced'].map(stem);
    expect(new Set(forms).size).toBe(1);
    expect(stem('syncing')).toBe(stem('synced'));
    expect(stem('crashes')).toBe(stem('crashed'));
    expect(stem('logging')).toBe('log');
    expect(stem('entries')).toBe('entry');
    expect(stem('apps')).toBe('app');
  });

  it('leaves short words, -ss/-us/-is endings and non-words alone', () => {
    expect(stem('sms')).toBe('sms');
    expect(stem('address')).toBe('address');
    expect(stem('status')).toBe('status');
    expect(stem('analysis')).toBe('analysis');
    expect(stem('err_401')).toBe('err_401');
  });
});

describe('surfaceWords', () => {
  it('shows each term as the word of the text that produced it', () => {
    expect(surfaceWords(['invoic', 'sso', 'missing-term'], 'Invoices are wrong after single sign-on')).toEqual([
      'invoices',
      'sso',
      'missing-term',
    ]);
  });
});
