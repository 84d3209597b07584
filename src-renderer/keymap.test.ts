// Checks the search and history keys read from key presses: Ctrl/Cmd+F, Ctrl/Cmd+Shift+F, F3, Shift+F3, Ctrl/Cmd+Z, Ctrl/Cmd+Shift+Z, Ctrl/Cmd+Y, and what is not one.
import { describe, expect, it } from 'vitest';
import { KEYMAP, searchCommandOf, undoCommandOf } from './keymap';

type Mods = { ctrl?: boolean; meta?: boolean; shift?: boolean; alt?: boolean };
const event = (key: string, mods: Mods) => ({ key, ctrlKey: mods.ctrl === true, metaKey: mods.meta === true, shiftKey: mods.shift === true, altKey: mods.alt === true });
const press = (key: string, mods: Mods = {}) => searchCommandOf(event(key, mods));

describe('searchCommandOf', () => {
  it('reads Ctrl or Cmd with F as the article search and with Shift as the project search', () => {
    expect(press('f', { ctrl: true })).toBe('article');
    expect(press('f', { meta: true })).toBe('article');
    expect(press('F', { ctrl: true, shift: true })).toBe('project');
  });

  it('reads F3 as the next hit and Shift+F3 as the previous one', () => {
    expect(press('F3')).toBe('next');
    expect(press('F3', { shift: true })).toBe('previous');
  });

  it('leaves other keys alone: a plain f, Alt+Ctrl+F, Ctrl+F3', () => {
    expect(press('f')).toBeNull();
    expect(press('f', { ctrl: true, alt: true })).toBeNull();
    expect(press('F3', { ctrl: true })).toBeNull();
  });

  it('lists the search keys in the help overlay', () => {
    expect(KEYMAP.filter((b) => b.scope === 'Search').map((b) => b.keys)).toEqual(['Ctrl/Cmd+F', 'Ctrl/Cmd+Shift+F', 'Enter, F3', 'Shift+Enter, Shift+F3', 'Esc']);
  });
});

describe('undoCommandOf', () => {
  const history = (key: string, mods: Mods = {}) => undoCommandOf(event(key, mods));

  it('reads Ctrl or Cmd with Z as undo, and with Shift+Z or Y as redo', () => {
    expect(history('z', { ctrl: true })).toBe('undo');
    expect(history('z', { meta: true })).toBe('undo');
    expect(history('Z', { ctrl: true, shift: true })).toBe('redo');
    expect(history('y', { ctrl: true })).toBe('redo');
  });

  it('leaves other keys alone: a plain z, Alt+Ctrl+Z, Ctrl+X', () => {
    expect(history('z')).toBeNull();
    expect(history('z', { ctrl: true, alt: true })).toBeNull();
    expect(history('x', { ctrl: true })).toBeNull();
  });
});
