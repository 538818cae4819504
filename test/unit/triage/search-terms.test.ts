import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../../src/domain/triage/languages.js';
import { analyze, surfaceWords } from '../../../src/domain/triage/search-terms.js';

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
    expect(analyze('2-step verification')).toEqual(['2fa', 'verif']);
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
    expect(analyze("customer's invoice")).toEqual(['custom', 'invoic']);
  });

  it('returns nothing for text without words', () => {
    expect(analyze('')).toEqual([]);
    expect(analyze(' ,.; !! ')).toEqual([]);
  });
});

describe('stemming and stop words, by language', () => {
  it('brings the forms of an English word together (Snowball English)', () => {
    expect(new Set(analyze('invoice invoices invoiced invoicing')).size).toBe(1);
    expect(analyze('syncing')).toEqual(analyze('synced'));
    expect(analyze('crashes')).toEqual(analyze('crashed'));
    expect(analyze('entries')).toEqual(analyze('entry'));
    expect(analyze('timeouts')).toEqual(analyze('timeout'));
  });

  it('reads a German text with German stop words and the German stemmer', () => {
    const german = analyze('Die Kollegen bekommen keine E-Mails zum Zurücksetzen der Passwörter');
    expect(german).toEqual(['kolleg', 'bekomm', 'email', 'zurucksetz', 'passwort']);
    expect(analyze('Das Passwort kann nicht zurückgesetzt werden')).toEqual(expect.arrayContaining(['passwort']));
    // The same words read as English would keep "die", "der" and unstemmed German endings.
    expect(analyze('Kollegen bekommen', 'en')).toEqual(['kollegen', 'bekommen']);
  });

  it('tells German from English by their function words, and stays English when unsure', () => {
    expect(detectLanguage('mehrere kollegen mit outlook adressen bekommen keine email'.split(' '))).toBe('de');
    expect(detectLanguage('the export is not finishing for our team'.split(' '))).toBe('en');
    expect(detectLanguage(['passwort'])).toBe('en');
  });

  it('leaves identifiers, versions and error codes whole in either language', () => {
    expect(analyze('Fehler ERR_401 seit Version 5.2.1 und nicht behoben')).toEqual(expect.arrayContaining(['err_401', '5.2.1']));
    expect(analyze('sms ios aws')).toEqual(['sms', 'ios', 'aws']);
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
