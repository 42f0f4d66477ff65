import { afterEach, describe, expect, it } from 'vitest';
import { cleanup, render, screen } from '@testing-library/react';
import { FormField } from './FormField';

describe('FormField', () => {
  afterEach(cleanup);

  it('labels the input and ties its error to it', () => {
    render(<FormField label="Email" name="email" error="Enter your email." />);
    const input = screen.getByLabelText('Email');
    expect(input.getAttribute('aria-invalid')).toBe('true');
    const error = screen.getByRole('alert');
    expect(error.textContent).toBe('Enter your email.');
    expect(input.getAttribute('aria-describedby')).toContain(error.id);
  });

  it('is not marked invalid without an error', () => {
    render(<FormField label="Name" name="name" />);
    expect(screen.getByLabelText('Name').hasAttribute('aria-invalid')).toBe(false);
  });
});
