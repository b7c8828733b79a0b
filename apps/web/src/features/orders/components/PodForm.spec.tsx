import { describe, expect, it, jest } from '@jest/globals';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MAX_IMAGE_BYTES, PodForm, podMethodsFor, validatePodDraft, type PodDraft } from './PodForm';

const draft = (p: Partial<PodDraft>): PodDraft => ({ method: 'OTP', otp: '', notes: '', photo: null, signature: null, ...p });

describe('proof of delivery form', () => {
  it('offers operator confirmation to OPS and ADMIN only', () => {
    expect(podMethodsFor('MERCHANT')).toEqual(['OTP', 'PHOTO', 'SIGNATURE']);
    expect(podMethodsFor('OPS')).toContain('OPERATOR_CONFIRM');
  });

  it('requires the 6-digit code for OTP', () => {
    expect(validatePodDraft(draft({ otp: '' })).otp).toBe('Enter the 6-digit code the customer received');
    expect(validatePodDraft(draft({ otp: '12345' })).otp).toBe('The code has 6 digits');
    expect(validatePodDraft(draft({ otp: '042917' }))).toEqual({});
  });

  it('requires a JPEG, PNG or WebP photo of at most 5 MiB', () => {
    expect(validatePodDraft(draft({ method: 'PHOTO' })).file).toBe('Choose or take a photo');
    expect(validatePodDraft(draft({ method: 'PHOTO', photo: new File(['x'], 'a.gif', { type: 'image/gif' }) })).file).toBe('The photo must be a JPEG, PNG or WebP image');
    const big = new File([new Uint8Array(MAX_IMAGE_BYTES + 1)], 'big.jpg', { type: 'image/jpeg' });
    expect(validatePodDraft(draft({ method: 'PHOTO', photo: big })).file).toBe('The photo is 5.0 MiB; at most 5 MiB is accepted');
    expect(validatePodDraft(draft({ method: 'PHOTO', photo: new File(['x'], 'a.jpg', { type: 'image/jpeg' }) }))).toEqual({});
  });

  it('requires a signature to have been drawn', () => {
    expect(validatePodDraft(draft({ method: 'SIGNATURE' })).file).toBe('The recipient must sign in the box');
  });

  it('sends the OTP as JSON with an idempotency key', async () => {
    const onSubmit = jest.fn();
    render(<PodForm role="MERCHANT" busy={false} onSubmit={onSubmit} />);
    expect(screen.queryByLabelText(/Operator confirmation/)).toBeNull();
    await userEvent.type(screen.getByRole('textbox', { name: 'Delivery code (6 digits)' }), '042917');
    await userEvent.click(screen.getByRole('button', { name: 'Record delivery' }));
    expect(onSubmit).toHaveBeenCalledWith({ kind: 'json', pod: { method: 'OTP', otp: '042917' }, idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('sends a photo as an image with its notes', async () => {
    const onSubmit = jest.fn();
    Object.assign(URL, { createObjectURL: () => 'blob:preview' });
    render(<PodForm role="OPS" busy={false} onSubmit={onSubmit} />);
    await userEvent.click(screen.getByLabelText('Photo'));
    const photo = new File(['jpeg'], 'door.jpg', { type: 'image/jpeg' });
    await userEvent.upload(screen.getByLabelText('Photo of the delivered parcel'), photo);
    await userEvent.type(screen.getByLabelText('Notes (optional)'), 'left at the gate');
    await userEvent.click(screen.getByRole('button', { name: 'Record delivery' }));
    expect(onSubmit).toHaveBeenCalledWith(expect.objectContaining({ kind: 'image', method: 'PHOTO', image: photo, fileName: 'door.jpg', notes: 'left at the gate' }));
  });
});
