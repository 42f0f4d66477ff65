import { Link } from 'react-router-dom';
import { ProfileForm } from '../components/ProfileForm';
import { AddressBook } from '../components/AddressBook';

export function AccountPage() {
  return (
    <div className="account-page">
      <h1>Your account</h1>
      <p>
        <Link to="/account/orders">Your orders</Link> · <Link to="/forgot-password">Change password</Link>
      </p>
      <div className="account-page__grid">
        <ProfileForm />
        <AddressBook />
      </div>
    </div>
  );
}
